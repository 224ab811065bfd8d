import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { ReportIncidentDialog } from './ReportIncidentDialog';
import { incident, standing, ZLHIS } from './__testUtils__';

const server = setupWeibaoServer();
// MUI selects opened one option at a time are slow in jsdom
jest.setTimeout(20_000);

function serveStanding(covered = true) {
  const asked: string[] = [];
  server.use(
    http.get(`${WEIBAO_BASE_URL}/contract-standing`, ({ request }) => {
      asked.push(new URL(request.url).searchParams.get('entityRef') ?? '');
      return HttpResponse.json(standing(covered));
    }),
  );
  return asked;
}

/** Answers `POST /incidents` with `answer` and records the bodies sent. */
function serveReport(answer: () => Response) {
  const bodies: unknown[] = [];
  server.use(
    http.post(`${WEIBAO_BASE_URL}/incidents`, async ({ request }) => {
      bodies.push(await request.json());
      return answer();
    }),
  );
  return bodies;
}

async function renderDialog() {
  const onReported = jest.fn();
  const onClose = jest.fn();
  await renderWeibao(
    <ReportIncidentDialog
      open
      systemRef={ZLHIS}
      onClose={onClose}
      onReported={onReported}
    />,
  );
  return { onReported, onClose, dialog: await screen.findByRole('dialog') };
}

const field = (label: string) => screen.getByLabelText(label);

/** Sets a text input's value at once (typing each character is slow in jsdom). */
const enter = (label: string, value: string) =>
  fireEvent.change(field(label), { target: { value } });

async function chooseLevel(name: RegExp | string) {
  await userEvent.click(field('Level'));
  await userEvent.click(await screen.findByRole('option', { name }));
}

async function fillRequired() {
  enter('Title', '挂号处无法登录 ZLHIS');
  enter('Symptoms', '挂号、收费窗口登录时报“连接数据库失败”');
  enter('Reporter name', '黄工(信息科)');
  enter('Reporter contact', '0771-7820000');
  await chooseLevel(/^1\b/);
}

describe('ReportIncidentDialog', () => {
  it("offers the covering contract's levels, by number, with their names", async () => {
    const asked = serveStanding();
    await renderDialog();
    await userEvent.click(field('Level'));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      '1 系统灾难故障',
      '2 严重故障',
      '3 一般错误类',
      '4 一般需求类',
    ]);
    expect(asked).toEqual([ZLHIS]);
  });

  it('offers levels 1–4 without names, and says why, when no contract covers the system', async () => {
    serveStanding(false);
    await renderDialog();
    expect(
      await screen.findByText(
        /No contract covers this system \(no maintenance contract covers component:default\/zlhis-chongzuo\)/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(field('Level'));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual(['1', '2', '3', '4']);
  });

  it('names each missing required field next to it and sends nothing', async () => {
    serveStanding();
    const bodies = serveReport(() => HttpResponse.json(incident()));
    const { dialog, onReported } = await renderDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    for (const label of [
      'Title',
      'Symptoms',
      'Reporter name',
      'Reporter contact',
    ]) {
      expect(field(label)).toHaveAccessibleDescription('Required');
    }
    expect(
      within(dialog).getAllByText('Required').length,
    ).toBeGreaterThanOrEqual(5);
    expect(bodies).toEqual([]);
    expect(onReported).not.toHaveBeenCalled();
  });

  it('sends the report, with instants on the hospital clock, then closes and hands back the incident', async () => {
    serveStanding();
    const created = incident();
    const bodies = serveReport(() =>
      HttpResponse.json(created, { status: 201 }),
    );
    const { dialog, onReported, onClose } = await renderDialog();
    await fillRequired();
    fireEvent.change(field('Occurred at'), {
      target: { value: '2026-11-21T08:55' },
    });
    fireEvent.change(field('Reported at'), {
      target: { value: '2026-11-21T09:00' },
    });
    await userEvent.click(field('Channel'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'On-call line' }),
    );
    await userEvent.click(field('Urgency'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Very urgent' }),
    );
    enter('Module', '挂号');
    enter('Modules affected', '挂号,收费、药房');
    enter('User groups affected', '窗口人员');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onReported).toHaveBeenCalledWith(created));
    expect(onClose).toHaveBeenCalled();
    expect(bodies).toEqual([
      {
        systemRef: ZLHIS,
        title: '挂号处无法登录 ZLHIS',
        symptoms: '挂号、收费窗口登录时报“连接数据库失败”',
        reporter: { name: '黄工(信息科)', contact: '0771-7820000' },
        channel: 'on-call',
        type: 'request',
        urgency: 'very-urgent',
        level: 1,
        occurredAt: '2026-11-21T08:55:00+08:00',
        reportedAt: '2026-11-21T09:00:00+08:00',
        module: '挂号',
        impact: { modules: ['挂号', '收费', '药房'], userGroups: ['窗口人员'] },
      },
    ]);
  });

  it('defaults both times to now, to the minute, on the hospital clock', async () => {
    serveStanding();
    const bodies = serveReport(() => HttpResponse.json(incident()));
    const { dialog, onReported } = await renderDialog();
    const before = Math.floor(Date.now() / 60_000) * 60_000;
    await fillRequired();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onReported).toHaveBeenCalled());
    const body = bodies[0] as { occurredAt: string; reportedAt: string };
    expect(body.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+08:00$/);
    expect(body.reportedAt).toBe(body.occurredAt);
    expect(Date.parse(body.reportedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(body.reportedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses an occurrence after the report, next to Occurred at', async () => {
    serveStanding();
    const bodies = serveReport(() => HttpResponse.json(incident()));
    const { dialog } = await renderDialog();
    await fillRequired();
    fireEvent.change(field('Occurred at'), {
      target: { value: '2026-11-21T09:30' },
    });
    fireEvent.change(field('Reported at'), {
      target: { value: '2026-11-21T09:00' },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(field('Occurred at')).toHaveAccessibleDescription(
      'Cannot be after the time it was reported',
    );
    expect(bodies).toEqual([]);
  });

  it.each([
    ['title: must not be blank', 'Title'],
    ['reporter.name: must not be blank', 'Reporter name'],
    [
      'request/body/symptoms must match pattern "^(?=[\\s\\S]*\\S)"',
      'Symptoms',
    ],
    [
      'level: 7 is not a level of contract maintenancecontract:default/chongzuo-mch-2026 (levels 1, 2, 3, 4)',
      'Level',
    ],
    ['occurredAt: the fault cannot occur after it was reported', 'Occurred at'],
  ])(
    "shows the backend's 400 %p next to %s and stays open",
    async (message, label) => {
      serveStanding();
      serveReport(() => errorResponse(400, 'InputError', message));
      const { dialog, onReported, onClose } = await renderDialog();
      await fillRequired();
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Save' }),
      );
      const shown = await within(dialog).findByText(message);
      // the message is the helper text of the named field's own form control
      expect(shown.closest('.MuiFormControl-root')).toBe(
        field(label).closest('.MuiFormControl-root'),
      );
      expect(within(dialog).queryByTestId('form-error')).toBeNull();
      expect(onReported).not.toHaveBeenCalled();
      expect(onClose).not.toHaveBeenCalled();
    },
  );

  it('shows a refusal naming no field of the form above the fields', async () => {
    serveStanding();
    serveReport(() =>
      errorResponse(403, 'NotAllowedError', 'weibao.incident.create denied'),
    );
    const { dialog } = await renderDialog();
    await fillRequired();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByTestId('form-error')).toHaveTextContent(
      'weibao.incident.create denied',
    );
  });
});
