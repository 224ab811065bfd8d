import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  errorResponse,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import {
  draftDetail,
  DRILL_ID,
  readyPlan,
  serverDownDrill,
  upgradePlanTesting,
} from './__testUtils__';

// dialogs with many fields are slow to render and fill in jsdom
jest.setTimeout(20_000);

const server = setupWeibaoServer();
const { planIs, render } = upgradePlanTesting(server);

/** Records the action bodies; answers with the plan or the given error. */
function actionsAnswer(answer?: () => Response) {
  const bodies: unknown[] = [];
  server.use(
    http.post(
      `${WEIBAO_BASE_URL}/upgrade-plans/:id/actions`,
      async ({ request }) => {
        bodies.push(await request.json());
        return answer ? answer() : HttpResponse.json(readyPlan);
      },
    ),
  );
  return bodies;
}

const type = (input: HTMLElement, value: string) =>
  fireEvent.change(input, { target: { value } });

describe('UpgradePlanPage actions', () => {
  it('meets a gate with the plan version, then reloads the plan', async () => {
    const loads = planIs(draftDetail);
    const bodies = actionsAnswer();
    await render();
    await userEvent.click(
      await screen.findByTestId('upgrade-action-meet-gate'),
    );
    const dialog = await screen.findByTestId('upgrade-action-dialog-meet-gate');
    // the first gate still missing is chosen
    expect(within(dialog).getByLabelText(/^Gate/)).toHaveValue(
      'simulated-upgrade',
    );
    await userEvent.selectOptions(
      within(dialog).getByLabelText(/^Gate/),
      'hospital-approval',
    );
    type(within(dialog).getByLabelText(/^Note/), '信息科签字同意');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Meet a gate' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByTestId('upgrade-action-dialog-meet-gate'),
      ).toBeNull(),
    );
    expect(bodies).toEqual([
      {
        type: 'meet-gate',
        gate: 'hospital-approval',
        note: '信息科签字同意',
        version: 2,
      },
    ]);
    await waitFor(() => expect(loads.count).toBe(2));
  });

  it('writes the rollback plan with its steps and the backup time in hospital time', async () => {
    planIs(draftDetail);
    const bodies = actionsAnswer();
    await render();
    await userEvent.click(
      await screen.findByTestId('upgrade-action-write-rollback-plan'),
    );
    const dialog = await screen.findByTestId(
      'upgrade-action-dialog-write-rollback-plan',
    );
    type(
      within(dialog).getByLabelText(/^Trigger criteria/),
      '挂号或收费任一窗口 30 分钟内无法恢复',
    );
    type(
      within(dialog).getByLabelText(/^Steps/),
      '停止应用服务\n恢复升级前全量备份\n\n启动 10.34.0 并核对数据',
    );
    type(within(dialog).getByLabelText(/^Expected rollback time/), '60');
    type(within(dialog).getByLabelText(/^Backup taken at/), '2026-11-13T10:00');
    type(within(dialog).getByLabelText(/^Backup \(what/), '正式库全量备份');
    type(within(dialog).getByLabelText(/^Note/), '回退预案 v1');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Write rollback plan' }),
    );
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({
      type: 'write-rollback-plan',
      rollbackPlan: {
        triggerCriteria: '挂号或收费任一窗口 30 分钟内无法恢复',
        steps: [
          '停止应用服务',
          '恢复升级前全量备份',
          '启动 10.34.0 并核对数据',
        ],
        expectedRollbackMinutes: 60,
        backupTaken: {
          at: '2026-11-13T10:00:00+08:00',
          note: '正式库全量备份',
        },
      },
      note: '回退预案 v1',
      version: 2,
    });
  });

  it("shows the backend's refusal next to the rollback field it names", async () => {
    planIs(draftDetail);
    actionsAnswer(() =>
      errorResponse(
        400,
        'InputError',
        'rollbackPlan.expectedRollbackMinutes: 500 minutes: the rollback must take more than 0 minutes and fit the window of 360 minutes',
      ),
    );
    await render();
    await userEvent.click(
      await screen.findByTestId('upgrade-action-write-rollback-plan'),
    );
    const dialog = await screen.findByTestId(
      'upgrade-action-dialog-write-rollback-plan',
    );
    type(within(dialog).getByLabelText(/^Trigger criteria/), '窗口无法恢复');
    type(within(dialog).getByLabelText(/^Steps/), '恢复备份');
    type(within(dialog).getByLabelText(/^Expected rollback time/), '500');
    type(within(dialog).getByLabelText(/^Backup \(what/), '全量备份');
    type(within(dialog).getByLabelText(/^Note/), '回退预案');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Write rollback plan' }),
    );
    await waitFor(() =>
      expect(
        within(dialog).getByLabelText(/^Expected rollback time/),
      ).toHaveAccessibleDescription(/fit the window of 360 minutes/),
    );
  });

  it('records the rehearsal by the drill chosen', async () => {
    planIs({ ...readyPlan, drills: [serverDownDrill, readyPlan.drills[0]] });
    const bodies = actionsAnswer();
    await render();
    await userEvent.click(
      await screen.findByTestId('upgrade-action-rehearse-rollback'),
    );
    const dialog = await screen.findByTestId(
      'upgrade-action-dialog-rehearse-rollback',
    );
    // a passed drill is offered first
    expect(within(dialog).getByLabelText(/^Drill/)).toHaveValue(DRILL_ID);
    type(within(dialog).getByLabelText(/^Note/), '回退演练通过');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record rollback rehearsal' }),
    );
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({
      type: 'rehearse-rollback',
      drillId: DRILL_ID,
      note: '回退演练通过',
      version: 6,
    });
  });

  it("shows a 409's message above the form and keeps it open", async () => {
    planIs(readyPlan);
    const bodies = actionsAnswer(() =>
      errorResponse(
        409,
        'ConflictError',
        'type: cannot start: the rollback was last rehearsed more than 30 days ago; rehearse it again',
      ),
    );
    await render();
    await userEvent.click(await screen.findByTestId('upgrade-action-start'));
    const dialog = await screen.findByTestId('upgrade-action-dialog-start');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start upgrade' }),
    );
    expect(await within(dialog).findByTestId('form-error')).toHaveTextContent(
      'type: cannot start: the rollback was last rehearsed more than 30 days ago; rehearse it again',
    );
    expect(bodies).toEqual([{ type: 'start', version: 6 }]);
  });

  it('asks for the reason of a cancellation before sending it', async () => {
    planIs(readyPlan);
    const bodies = actionsAnswer();
    await render();
    await userEvent.click(await screen.findByTestId('upgrade-action-cancel'));
    const dialog = await screen.findByTestId('upgrade-action-dialog-cancel');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel plan' }),
    );
    expect(
      within(dialog).getByLabelText(/^Reason/),
    ).toHaveAccessibleDescription('Required');
    expect(bodies).toEqual([]);
    type(within(dialog).getByLabelText(/^Reason/), '医院推迟升级');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel plan' }),
    );
    await waitFor(() =>
      expect(bodies).toEqual([
        { type: 'cancel', reason: '医院推迟升级', version: 6 },
      ]),
    );
  });

  it('reschedules from the current window, with an override', async () => {
    planIs(readyPlan);
    const bodies = actionsAnswer();
    await render();
    await userEvent.click(
      await screen.findByTestId('upgrade-action-reschedule'),
    );
    const dialog = await screen.findByTestId(
      'upgrade-action-dialog-reschedule',
    );
    expect(within(dialog).getByLabelText(/^Window start/)).toHaveValue(
      '2026-11-21T22:00',
    );
    type(within(dialog).getByLabelText(/^Window start/), '2026-10-03T22:00');
    type(within(dialog).getByLabelText(/^Window end/), '2026-10-04T02:00');
    type(within(dialog).getByLabelText(/^Override reason/), '医保接口紧急修复');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reschedule' }),
    );
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({
      type: 'reschedule',
      window: {
        start: '2026-10-03T22:00:00+08:00',
        end: '2026-10-04T02:00:00+08:00',
        expectedDowntimeMinutes: 120,
      },
      override: { reason: '医保接口紧急修复' },
      version: 6,
    });
  });
});
