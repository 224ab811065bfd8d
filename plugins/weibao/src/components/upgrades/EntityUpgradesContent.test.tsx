import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { EntityUpgradesContent } from './EntityUpgradesContent';
import {
  draftPlan,
  PLAN_ID,
  rollbackDrill,
  serverDownDrill,
  SYSTEM_REF,
  zlhis,
} from './__testUtils__';

// forms with many fields are slow to render and fill in jsdom
jest.setTimeout(20_000);

const server = setupWeibaoServer();

/** Answers the two lists; records the query of each. */
function lists(plans = [draftPlan], drills = [rollbackDrill, serverDownDrill]) {
  const seen: { plans: string[]; drills: string[] } = { plans: [], drills: [] };
  server.use(
    http.get(`${WEIBAO_BASE_URL}/upgrade-plans`, ({ request }) => {
      seen.plans.push(new URL(request.url).search);
      return HttpResponse.json({ items: plans, totalCount: plans.length });
    }),
    http.get(`${WEIBAO_BASE_URL}/drills`, ({ request }) => {
      seen.drills.push(new URL(request.url).search);
      return HttpResponse.json({ items: drills, totalCount: drills.length });
    }),
  );
  return seen;
}

const render = () => renderWeibao(<EntityUpgradesContent />, { entity: zlhis });

/** Types into a field at once (userEvent.type is slow on long forms). */
const type = (input: HTMLElement, value: string) =>
  fireEvent.change(input, { target: { value } });

describe('EntityUpgradesContent', () => {
  it('shows progress while the plans and drills load', async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/upgrade-plans`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
      http.get(`${WEIBAO_BASE_URL}/drills`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await render();
    expect(screen.getAllByTestId('progress')).toHaveLength(2);
  });

  it("lists the system's plans and drills, asking for this system only", async () => {
    const seen = lists();
    await render();
    const link = await screen.findByRole('link', { name: 'ZLHIS 10.35 升级' });
    expect(link).toHaveAttribute('href', `/weibao/upgrades/${PLAN_ID}`);
    const row = link.closest('tr')!;
    expect(
      within(row).getByText('Draft').closest('[data-upgrade-status]'),
    ).toHaveAttribute('data-upgrade-status', 'draft');
    // the window in hospital time (UTC+8)
    expect(
      within(row).getByText('21 Nov 2026, 22:00 – 22 Nov 2026, 04:00'),
    ).toBeInTheDocument();
    expect(within(row).getByText('120 min downtime')).toBeInTheDocument();
    expect(within(row).getByText('10.34.0 → 10.35.2')).toBeInTheDocument();
    expect(
      screen.getByTestId(`plan-missing-gates-${PLAN_ID}`),
    ).toHaveTextContent(
      'Simulated upgrade passed, Rollback plan written, Rollback rehearsed, Hospital approval',
    );

    expect(
      screen.getByTestId(`drill-recovery-${rollbackDrill.id}`),
    ).toHaveTextContent('35 min of 60 min');
    const failedRow = screen.getByText('服务器宕机').closest('tr')!;
    expect(
      within(failedRow).getByText('Failed').closest('[data-drill-result]'),
    ).toHaveAttribute('data-drill-result', 'failed');
    expect(
      screen.getByRole('link', { name: 'Rollback of a plan' }),
    ).toHaveAttribute('href', `/weibao/upgrades/${PLAN_ID}`);

    const ref = encodeURIComponent(SYSTEM_REF);
    expect(seen.plans).toEqual([`?systemRef=${ref}`]);
    expect(seen.drills).toEqual([`?systemRef=${ref}`]);
  });

  it('says when there are no plans and no drills', async () => {
    lists([], []);
    await render();
    expect(
      await screen.findByText('No upgrade plans for this system yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No drills recorded for this system yet.'),
    ).toBeInTheDocument();
  });

  it("shows the backend's error in the card that failed", async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/upgrade-plans`, () =>
        errorResponse(403, 'NotAllowedError', 'weibao.upgrade.read denied'),
      ),
      http.get(`${WEIBAO_BASE_URL}/drills`, () =>
        HttpResponse.json({ items: [], totalCount: 0 }),
      ),
    );
    await render();
    expect(
      (await screen.findAllByText(/weibao.upgrade.read denied/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText('No drills recorded for this system yet.'),
    ).toBeInTheDocument();
  });
});

describe('Plan upgrade', () => {
  async function fillPlanForm() {
    await userEvent.click(
      await screen.findByRole('button', { name: 'Plan upgrade' }),
    );
    const dialog = await screen.findByTestId('plan-upgrade-dialog');
    type(within(dialog).getByLabelText(/^Title/), 'ZLHIS 10.36 升级');
    type(within(dialog).getByLabelText(/^From version/), '10.35.2');
    type(within(dialog).getByLabelText(/^To version/), '10.36.0');
    await userEvent.click(within(dialog).getByLabelText('Servers'));
    await userEvent.click(within(dialog).getByLabelText('Database'));
    fireEvent.change(within(dialog).getByLabelText('Window start'), {
      target: { value: '2026-10-01T22:00' },
    });
    fireEvent.change(within(dialog).getByLabelText('Window end'), {
      target: { value: '2026-10-02T04:00' },
    });
    type(within(dialog).getByLabelText('Expected downtime (minutes)'), '90');
    type(
      within(dialog).getByLabelText('Responsible engineers (one per line)'),
      'user:default/zhang.wei\nuser:default/li.gong',
    );
    type(within(dialog).getByLabelText('Hospital contact'), '信息科李主任');
    type(within(dialog).getByLabelText('Contact (phone or IM)'), '院内 IM 群');
    return dialog;
  }

  it('sends the plan with its window in hospital time, then lists it', async () => {
    const seen = lists([]);
    let body: unknown;
    server.use(
      http.post(`${WEIBAO_BASE_URL}/upgrade-plans`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(draftPlan, { status: 201 });
      }),
    );
    await render();
    const dialog = await fillPlanForm();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Plan upgrade' }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('plan-upgrade-dialog')).toBeNull(),
    );
    expect(body).toEqual({
      systemRef: SYSTEM_REF,
      title: 'ZLHIS 10.36 升级',
      fromVersion: '10.35.2',
      toVersion: '10.36.0',
      architecture: 'x86_64',
      targetArchitecture: 'x86_64',
      scope: ['server', 'database'],
      window: {
        start: '2026-10-01T22:00:00+08:00',
        end: '2026-10-02T04:00:00+08:00',
        expectedDowntimeMinutes: 90,
      },
      responsible: ['user:default/zhang.wei', 'user:default/li.gong'],
      hospitalContact: { name: '信息科李主任', contact: '院内 IM 群' },
    });
    expect(seen.plans).toHaveLength(2);
  });

  it("shows the backend's holiday refusal at the window, and the override it then takes", async () => {
    lists([]);
    const bodies: any[] = [];
    server.use(
      http.post(`${WEIBAO_BASE_URL}/upgrade-plans`, async ({ request }) => {
        const body: any = await request.json();
        bodies.push(body);
        return body.override
          ? HttpResponse.json(draftPlan, { status: 201 })
          : errorResponse(
              400,
              'InputError',
              'window: 2026-10-01 is 国庆节, an official holiday: no upgrades on holidays',
            );
      }),
    );
    await render();
    const dialog = await fillPlanForm();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Plan upgrade' }),
    );
    const windowGroup = within(dialog).getByTestId('plan-upgrade-window');
    expect(
      await within(windowGroup).findByText(/2026-10-01 is 国庆节/),
    ).toBeInTheDocument();
    expect(within(dialog).queryByTestId('form-error')).toBeNull();

    type(within(dialog).getByLabelText('Override reason'), '医保接口紧急修复');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Plan upgrade' }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('plan-upgrade-dialog')).toBeNull(),
    );
    expect(bodies[1].override).toEqual({ reason: '医保接口紧急修复' });
  });

  it('shows a refusal naming a field next to that field', async () => {
    lists([]);
    server.use(
      http.post(`${WEIBAO_BASE_URL}/upgrade-plans`, () =>
        errorResponse(
          400,
          'InputError',
          'targetArchitecture: cross-architecture upgrades (x86_64 → aarch64) are outside the contract',
        ),
      ),
    );
    await render();
    const dialog = await fillPlanForm();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Plan upgrade' }),
    );
    await waitFor(() =>
      expect(
        within(dialog).getByLabelText(/^Target architecture/),
      ).toHaveAccessibleDescription(/cross-architecture upgrades/),
    );
  });

  it('asks for what is missing without calling the backend', async () => {
    lists([]);
    let called = false;
    server.use(
      http.post(`${WEIBAO_BASE_URL}/upgrade-plans`, () => {
        called = true;
        return HttpResponse.json(draftPlan, { status: 201 });
      }),
    );
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Plan upgrade' }),
    );
    const dialog = await screen.findByTestId('plan-upgrade-dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Plan upgrade' }),
    );
    expect(within(dialog).getByLabelText(/^Title/)).toHaveAccessibleDescription(
      'Required',
    );
    expect(
      within(dialog).getByLabelText('Window start'),
    ).toHaveAccessibleDescription('Enter a date and time');
    expect(within(dialog).getByTestId('plan-upgrade-scope')).toHaveTextContent(
      'Required',
    );
    expect(called).toBe(false);
  });
});

describe('Record drill', () => {
  it('sends the drill, for the chosen plan, then lists it', async () => {
    const seen = lists([draftPlan], []);
    let body: unknown;
    server.use(
      http.post(`${WEIBAO_BASE_URL}/drills`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(rollbackDrill, { status: 201 });
      }),
    );
    await render();
    await screen.findByRole('link', { name: 'ZLHIS 10.35 升级' });
    await userEvent.click(screen.getByRole('button', { name: 'Record drill' }));
    const dialog = await screen.findByTestId('record-drill-dialog');
    type(within(dialog).getByLabelText(/^Scenario/), '升级回退演练');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Rehearses the rollback of'),
      PLAN_ID,
    );
    fireEvent.change(within(dialog).getByLabelText('Performed at'), {
      target: { value: '2026-11-15T14:30' },
    });
    type(within(dialog).getByLabelText(/^Participants/), '张伟\n李工');
    type(within(dialog).getByLabelText(/^Recovery/), '35');
    type(within(dialog).getByLabelText(/^Target/), '60');
    type(within(dialog).getByLabelText('Findings'), '回退脚本需先停接口服务');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record drill' }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('record-drill-dialog')).toBeNull(),
    );
    expect(body).toEqual({
      systemRef: SYSTEM_REF,
      scenario: '升级回退演练',
      performedAt: '2026-11-15T14:30:00+08:00',
      participants: ['张伟', '李工'],
      recoveryMinutes: 35,
      targetMinutes: 60,
      findings: '回退脚本需先停接口服务',
      upgradePlanId: PLAN_ID,
    });
    expect(seen.drills).toHaveLength(2);
  });

  it("shows the backend's refusal next to the field it names", async () => {
    lists([], []);
    server.use(
      http.post(`${WEIBAO_BASE_URL}/drills`, () =>
        errorResponse(
          400,
          'InputError',
          'performedAt: 2026-12-01T10:00:00+08:00 is in the future',
        ),
      ),
    );
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Record drill' }),
    );
    const dialog = await screen.findByTestId('record-drill-dialog');
    type(within(dialog).getByLabelText(/^Scenario/), '服务器宕机');
    fireEvent.change(within(dialog).getByLabelText('Performed at'), {
      target: { value: '2026-12-01T10:00' },
    });
    type(within(dialog).getByLabelText(/^Participants/), '张伟');
    type(within(dialog).getByLabelText(/^Recovery/), '40');
    type(within(dialog).getByLabelText(/^Target/), '60');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record drill' }),
    );
    await waitFor(() =>
      expect(
        within(dialog).getByLabelText('Performed at'),
      ).toHaveAccessibleDescription(/is in the future/),
    );
  });
});
