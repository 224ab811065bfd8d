import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  errorResponse,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import {
  CHONGZUO_MCH,
  clock,
  incident,
  INCIDENT_ID,
  incidentPageTesting,
} from './__testUtils__';

const server = setupWeibaoServer();
jest.setTimeout(20_000);
const { serveIncident, json, renderPage, buttons, stateOf } =
  incidentPageTesting(server);

describe('IncidentPage', () => {
  it('shows progress while loading', async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/incidents/:id`, async () => {
        await new Promise(() => {});
        return HttpResponse.json(incident());
      }),
    );
    await renderPage();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    serveIncident(() =>
      errorResponse(404, 'NotFoundError', `no incident ${INCIDENT_ID}`),
    );
    await renderPage();
    expect(
      (await screen.findAllByText(new RegExp(`no incident ${INCIDENT_ID}`)))
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows the record, each clock with its state and figures, and the timeline newest last', async () => {
    serveIncident(
      json(
        incident({
          status: 'dispatched',
          assignees: ['user:default/li.na'],
          paused: null,
          clocks: [
            clock('response', {
              status: 'met',
              metAt: '2026-11-21T01:10:00.000Z',
              elapsedMs: 10 * 60_000,
              remainingMs: 20 * 60_000,
              percentElapsed: 33.3,
            }),
            clock('dispatch', {
              status: 'breached',
              dueAt: '2026-11-21T03:00:00.000Z',
              breachedAt: '2026-11-21T03:00:00.000Z',
              elapsedMs: 150 * 60_000,
              remainingMs: -30 * 60_000,
              percentElapsed: 125,
            }),
            clock('resolution', {
              dueAt: '2026-11-22T01:00:00.000Z',
              atRisk: true,
              elapsedMs: 20 * 3_600_000,
              remainingMs: 4 * 3_600_000,
              percentElapsed: 83.3,
              targets: [
                {
                  at: '2026-11-21T01:00:00.000Z',
                  target: { amount: 6, unit: 'hours' },
                  calendar: '24x7',
                },
                {
                  at: '2026-11-21T02:00:00.000Z',
                  target: { amount: 24, unit: 'hours' },
                  calendar: '24x7',
                },
              ],
              pauses: [
                {
                  from: '2026-11-21T04:00:00.000Z',
                  to: '2026-11-21T05:00:00.000Z',
                  reason: '等待医院授权远程访问',
                },
              ],
            }),
          ],
          alerts: [
            {
              milestone: 'dispatch',
              kind: 'breach',
              percent: 100,
              at: '2026-11-21T03:00:00.000Z',
              notifiedAt: '2026-11-21T03:01:00.000Z',
            },
          ],
          timeline: [
            {
              seq: 3,
              type: 'dispatch',
              at: '2026-11-21T03:30:00.000Z',
              recordedAt: '2026-11-21T03:30:00.000Z',
              actor: 'user:default/zhang.wei',
              payload: { assignees: ['user:default/li.na'] },
            },
            {
              seq: 1,
              type: 'reported',
              at: '2026-11-21T01:00:00.000Z',
              recordedAt: '2026-11-21T01:00:00.000Z',
              actor: 'user:default/zhang.wei',
              payload: {
                level: 1,
                reporter: { name: '黄工(信息科)', contact: '0771-7820000' },
              },
            },
            {
              seq: 2,
              type: 'acknowledge',
              at: '2026-11-21T01:10:00.000Z',
              recordedAt: '2026-11-21T01:10:00.000Z',
              actor: 'plugin:weibao-sweep',
              payload: {},
            },
          ],
          allowedActions: ['resolve', 'pause', 'note', 'reassign'],
        }),
      ),
    );
    await renderPage();

    expect(
      await screen.findByRole('heading', { name: '挂号处无法登录 ZLHIS' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('incident-status')).toHaveTextContent(
      /^Dispatched$/,
    );
    expect(screen.getByTestId('incident-level')).toHaveTextContent(
      '1 系统灾难故障',
    );
    expect(screen.getByText('chongzuo-mch')).toBeInTheDocument();
    expect(screen.getByText('zlhis-chongzuo')).toBeInTheDocument();
    expect(screen.getByText('黄工(信息科) (0771-7820000)')).toBeInTheDocument();
    expect(
      screen.getByText('挂号、收费窗口登录时报“连接数据库失败”'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'modules: 挂号, 收费; processes: 门诊挂号; user groups: 窗口人员',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('incident-assignees')).toHaveTextContent('li.na');

    expect(stateOf('response')).toBe('met');
    expect(stateOf('dispatch')).toBe('breached');
    expect(stateOf('resolution')).toBe('at-risk');
    const dispatch = within(screen.getByTestId('clock-dispatch'));
    expect(dispatch.getByText('2 h on 24x7')).toBeInTheDocument();
    expect(dispatch.getByTestId('clock-due')).toHaveTextContent(
      '21 Nov 2026, 11:00',
    );
    expect(dispatch.getByText('30 min')).toBeInTheDocument(); // overdue by
    expect(dispatch.getByText('2 h 30 min')).toBeInTheDocument(); // elapsed
    expect(dispatch.getByTestId('clock-percent')).toHaveTextContent('125%');
    expect(
      dispatch.getByText('Breached at:', { exact: false }).parentElement,
    ).toHaveTextContent('Breached at: 21 Nov 2026, 11:00');
    expect(
      dispatch.getByText('breached, notified 21 Nov 2026, 11:01'),
    ).toBeInTheDocument();
    const response = within(screen.getByTestId('clock-response'));
    expect(response.getByText('21 Nov 2026, 09:10')).toBeInTheDocument(); // met at
    const resolution = within(screen.getByTestId('clock-resolution'));
    expect(resolution.getByText('4 h')).toBeInTheDocument(); // remaining
    expect(
      resolution.getByText(
        'from 21 Nov 2026, 09:00: 6 h on 24x7; from 21 Nov 2026, 10:00: 24 h on 24x7',
      ),
    ).toBeInTheDocument();
    expect(
      resolution.getByText(
        '21 Nov 2026, 12:00 – 21 Nov 2026, 13:00: 等待医院授权远程访问',
      ),
    ).toBeInTheDocument();

    const entries = within(
      screen.getByTestId('incident-timeline'),
    ).getAllByTestId('timeline-entry');
    expect(entries.map(e => e.textContent)).toEqual([
      expect.stringMatching(
        /^Reported · 21 Nov 2026, 09:00 · by zhang\.wei.*Level: 1 · Reporter: 黄工\(信息科\), 0771-7820000$/,
      ),
      expect.stringMatching(
        /^Acknowledged · 21 Nov 2026, 09:10 · by plugin:weibao-sweep$/,
      ),
      expect.stringMatching(
        /^Engineer dispatched · 21 Nov 2026, 11:30 · by zhang\.wei.*Engineers: user:default\/li\.na$/,
      ),
    ]);
  });

  it('says why an incident has no clocks', async () => {
    serveIncident(
      json(
        incident({
          contractRef: null,
          levelName: null,
          clocks: [],
          noClocksReason:
            'no maintenance contract covers component:default/zlhis-chongzuo',
        }),
      ),
    );
    await renderPage();
    expect(await screen.findByTestId('incident-no-clocks')).toHaveTextContent(
      'No clocks: no maintenance contract covers component:default/zlhis-chongzuo',
    );
    expect(screen.getByTestId('incident-level')).toHaveTextContent(/^1$/);
  });

  it.each([
    [
      'reported',
      ['acknowledge', 'grant-remote-permission', 'regrade', 'note', 'reassign'],
      ['Acknowledge', 'Grant remote access', 'Re-grade', 'Note', 'Reassign'],
    ],
    [
      'resolved',
      ['confirm', 'reopen', 'regrade', 'note', 'reassign'],
      ['Confirm', 'Reopen', 'Re-grade', 'Note', 'Reassign'],
    ],
    ['closed', ['reopen', 'note'], ['Reopen', 'Note']],
  ] as const)(
    'offers only the actions a %s incident allows',
    async (status, allowed, labels) => {
      serveIncident(json(incident({ status, allowedActions: [...allowed] })));
      await renderPage();
      await screen.findByTestId('incident-actions');
      expect(buttons()).toEqual(labels);
    },
  );

  it('links the hospital to its System entity', async () => {
    serveIncident(json(incident()));
    await renderPage();
    const hospital = await screen.findByText('chongzuo-mch');
    expect(hospital.closest('a')).toHaveAttribute(
      'href',
      `/catalog/default/system/${CHONGZUO_MCH.split('/')[1]}`,
    );
  });
});
