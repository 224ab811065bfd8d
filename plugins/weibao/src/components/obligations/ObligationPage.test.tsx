import { screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router-dom';
import type {
  ObligationHistoryEntry,
  ObligationOccurrence,
} from '@weibao/plugin-weibao-common';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { ObligationPage } from './ObligationPage';
import { IDS, obligationsTesting, occurrence, user } from './__testUtils__';

// dialogs with several fields take a few seconds in jsdom on a small machine
jest.setTimeout(20_000);

const server = setupWeibaoServer();
const { answerAction } = obligationsTesting(server);

const inspection = occurrence({ id: IDS.inspection, state: 'due' });

/**
 * Serves one occurrence with its history (none unless given), a different answer on each call
 * (the last one repeats).
 */
function serve(
  answers: Array<ObligationOccurrence & { history?: ObligationHistoryEntry[] }>,
  id = answers[0].id,
) {
  let calls = 0;
  server.use(
    http.get(`${WEIBAO_BASE_URL}/obligations/${id}`, () => {
      calls += 1;
      return HttpResponse.json({
        history: [],
        ...answers[Math.min(calls - 1, answers.length - 1)],
      });
    }),
  );
  return () => calls;
}

function renderPage(id: string) {
  return renderWeibao(
    <Routes>
      <Route path="/weibao/obligations/:id" element={<ObligationPage />} />
    </Routes>,
    { routeEntries: [`/weibao/obligations/${id}`] },
  );
}

/** The value cell of a row of the metadata table, by its label. */
const valueOf = (label: string) =>
  screen.getByText(label).closest('tr')!.querySelectorAll('td')[1];

describe('ObligationPage', () => {
  it('shows the duty, its systems, contract, window, due time and state', async () => {
    serve([inspection]);
    await renderPage(IDS.inspection);
    await screen.findByTestId('obligation-page');
    expect(valueOf('Duty')).toHaveTextContent('Inspection');
    expect(valueOf('Frequency')).toHaveTextContent('Quarterly');
    expect(
      within(valueOf('Systems')).getByRole('link', { name: 'zlhis-chongzuo' }),
    ).toBeInTheDocument();
    expect(
      within(valueOf('Contract')).getByRole('link', {
        name: 'chongzuo-mch-2026',
      }),
    ).toBeInTheDocument();
    expect(valueOf('Window')).toHaveTextContent('2 Sept 2026 – 1 Dec 2026');
    expect(valueOf('Due')).toHaveTextContent('1 Dec 2026, 18:00');
    expect(
      within(valueOf('State'))
        .getByText('Due soon')
        .closest('[data-obligation-state]'),
    ).toHaveAttribute('data-obligation-state', 'due');
    expect(screen.queryByTestId('obligation-record')).not.toBeInTheDocument();
  });

  it('shows its history oldest first: who planned, moved, announced and completed it, with the evidence', async () => {
    const evidence = {
      note: '巡检完成:服务器、数据库性能正常',
      people: ['信息科 王主任'],
      links: [
        {
          title: '巡检报告',
          url: 'https://docs.example.org/chongzuo/2026-q3.pdf',
        },
      ],
    };
    const history: ObligationHistoryEntry[] = [
      {
        seq: 1,
        type: 'planned',
        at: '2026-03-02T01:00:00.000Z',
        actor: 'weibao',
        payload: { dueAt: '2026-11-30T10:00:00.000Z' },
      },
      {
        seq: 2,
        type: 'rescheduled',
        at: '2026-04-10T02:00:00.000Z',
        actor: 'weibao',
        payload: {
          from: '2026-11-30T10:00:00.000Z',
          to: '2026-12-01T10:00:00.000Z',
          cause: 'contract-changed',
          why: 'the contract changed',
        },
      },
      {
        seq: 3,
        type: 'due-notified',
        at: '2026-11-17T01:00:00.000Z',
        actor: 'weibao',
        payload: {},
      },
      {
        seq: 4,
        type: 'completed',
        at: '2026-11-20T07:30:00.000Z',
        actor: 'user:default/zhang.wei',
        payload: {
          onTime: true,
          evidence,
          recordedAt: '2026-11-20T09:00:00.000Z',
        },
      },
    ];
    serve([
      {
        ...inspection,
        version: 3,
        state: 'done',
        done: {
          at: '2026-11-20T07:30:00.000Z',
          onTime: true,
          by: 'user:default/zhang.wei',
          evidence,
          recordedAt: '2026-11-20T09:00:00.000Z',
          lateRecord: false,
        },
        // whatever order they arrive in
        history: [history[2], history[0], history[3], history[1]],
      },
    ]);
    await renderPage(IDS.inspection);
    const card = await screen.findByTestId('obligation-history');
    const entries = within(card).getAllByTestId('obligation-history-entry');
    expect(entries.map(e => e.getAttribute('data-history-type'))).toEqual([
      'planned',
      'rescheduled',
      'due-notified',
      'completed',
    ]);
    expect(entries[0]).toHaveTextContent(
      'Planned · 2 Mar 2026, 09:00 · by Weibao (automatic)',
    );
    expect(entries[0]).toHaveTextContent('Due 30 Nov 2026, 18:00');
    expect(entries[1]).toHaveTextContent('Due time moved');
    expect(entries[1]).toHaveTextContent(
      'Due 30 Nov 2026, 18:00 → 1 Dec 2026, 18:00 · the contract changed',
    );
    expect(entries[2]).toHaveTextContent('Team told it is due soon');
    expect(entries[3]).toHaveTextContent('Completed · 20 Nov 2026, 15:30');
    expect(
      within(entries[3]).getByRole('link', { name: 'zhang.wei' }),
    ).toBeInTheDocument();
    expect(entries[3]).toHaveTextContent(
      'On time · Note: 巡检完成:服务器、数据库性能正常 · People: 信息科 王主任 · Recorded 20 Nov 2026, 17:00',
    );
    expect(
      within(entries[3]).getByText('巡检报告').closest('a'),
    ).toHaveAttribute('href', 'https://docs.example.org/chongzuo/2026-q3.pdf');
  });

  it('completes it, sending its version, and shows the evidence after reloading', async () => {
    const calls = serve([
      inspection,
      {
        ...inspection,
        version: 2,
        state: 'done',
        done: {
          at: '2026-11-20T07:30:00.000Z',
          onTime: true,
          by: 'user:default/zhang.wei',
          recordedAt: '2026-11-20T07:31:00.000Z',
          lateRecord: false,
          evidence: {
            note: '巡检完成:服务器、数据库性能正常',
            links: [
              {
                title: '巡检报告',
                url: 'https://docs.example.org/chongzuo/2026-q3.pdf',
              },
            ],
          },
        },
      },
    ]);
    const sent = answerAction(IDS.inspection, 'complete', () =>
      HttpResponse.json({
        ...inspection,
        version: 2,
        state: 'done',
      }),
    );
    await renderPage(IDS.inspection);
    await user.click(await screen.findByRole('button', { name: 'Complete' }));
    const dialog = screen.getByTestId('complete-obligation-dialog');
    await user.click(within(dialog).getByLabelText(/What was done/));
    await user.paste('巡检完成:服务器、数据库性能正常');
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );

    const record = await screen.findByTestId('obligation-record');
    expect(sent.body).toMatchObject({
      version: 1,
      note: '巡检完成:服务器、数据库性能正常',
    });
    expect(calls()).toBe(2);
    expect(
      within(record).getByText('user:default/zhang.wei'),
    ).toBeInTheDocument();
    expect(within(record).getByText('巡检报告').closest('a')).toHaveAttribute(
      'href',
      'https://docs.example.org/chongzuo/2026-q3.pdf',
    );
    expect(
      screen.getAllByText('Done on time')[0].closest('[data-obligation-state]'),
    ).toHaveAttribute('data-obligation-state', 'doneOnTime');
    expect(
      screen.queryByRole('button', { name: 'Complete' }),
    ).not.toBeInTheDocument();
  });

  it('shows a survey done late with its scores, and no actions', async () => {
    const survey = occurrence({
      id: IDS.survey,
      kind: 'return-visit',
      followUpKind: 'survey',
      state: 'done',
      done: {
        at: '2026-12-10T02:00:00.000Z',
        onTime: false,
        by: 'user:default/li.na',
        recordedAt: '2026-12-10T02:05:00.000Z',
        lateRecord: false,
        evidence: {
          note: '信息科回访',
          people: ['信息科 王主任'],
          scores: { attitude: 5, response: 4, 病房: 3 },
        },
      },
    });
    serve([survey]);
    await renderPage(IDS.survey);
    const record = await screen.findByTestId('obligation-record');
    expect(
      screen.getAllByText('Done late')[0].closest('[data-obligation-state]'),
    ).toHaveAttribute('data-obligation-state', 'doneLate');
    expect(valueOf('Duty')).toHaveTextContent(
      'Return visit · Satisfaction survey',
    );
    expect(within(record).getByText('信息科 王主任')).toBeInTheDocument();
    const scores = within(record).getByTestId('obligation-scores');
    expect(scores).toHaveTextContent('Service attitude: 5');
    expect(scores).toHaveTextContent('Response speed: 4');
    expect(scores).toHaveTextContent('病房: 3');
    expect(
      screen.queryByRole('button', { name: 'Waive' }),
    ).not.toBeInTheDocument();
  });

  it('shows who waived it and why', async () => {
    serve([
      {
        ...occurrence({
          id: IDS.drill,
          kind: 'drill',
          state: 'waived',
          waived: {
            at: '2026-09-01T01:00:00.000Z',
            by: 'user:default/zhang.wei',
            reason: '医院要求本季度演练并入第四季度',
          },
        }),
        history: [
          {
            seq: 1,
            type: 'planned',
            at: '2026-03-02T01:00:00.000Z',
            actor: 'weibao',
            payload: { dueAt: '2026-08-31T10:00:00.000Z' },
          },
          {
            seq: 2,
            type: 'waived',
            at: '2026-09-01T01:00:00.000Z',
            actor: 'user:default/zhang.wei',
            payload: { reason: '医院要求本季度演练并入第四季度' },
          },
        ],
      },
    ]);
    await renderPage(IDS.drill);
    const record = await screen.findByTestId('obligation-record');
    expect(record).toHaveTextContent('医院要求本季度演练并入第四季度');
    expect(record).toHaveTextContent('user:default/zhang.wei');
    expect(screen.getAllByText('Waived').length).toBeGreaterThan(0);
    const waiver = within(screen.getByTestId('obligation-history'))
      .getAllByTestId('obligation-history-entry')
      .pop()!;
    expect(waiver).toHaveTextContent(
      'Waived · 1 Sept 2026, 09:00 · by zhang.wei',
    );
    expect(waiver).toHaveTextContent('Reason: 医院要求本季度演练并入第四季度');
  });

  it('waives it with the same dialog as the card and shows a 409 as the backend says it', async () => {
    serve([inspection]);
    const sent = answerAction(IDS.inspection, 'waive', () =>
      errorResponse(
        409,
        'ConflictError',
        'state: the occurrence is already done',
      ),
    );
    await renderPage(IDS.inspection);
    await user.click(await screen.findByRole('button', { name: 'Waive' }));
    const dialog = screen.getByTestId('waive-obligation-dialog');
    await user.click(within(dialog).getByLabelText(/Why it is waived/));
    await user.paste('系统停用');
    await user.click(within(dialog).getByRole('button', { name: 'Waive' }));
    await waitFor(() =>
      expect(sent.body).toEqual({ version: 1, reason: '系统停用' }),
    );
    expect(
      await within(dialog).findByText('state: the occurrence is already done'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/obligations/${IDS.inspection}`, async () => {
        await delay('infinite');
        return HttpResponse.json(inspection);
      }),
    );
    await renderPage(IDS.inspection);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it("shows the backend's error for an unknown occurrence", async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/obligations/${IDS.backup}`, () =>
        errorResponse(
          404,
          'NotFoundError',
          `no obligation occurrence ${IDS.backup}`,
        ),
      ),
    );
    await renderPage(IDS.backup);
    expect(
      (
        await screen.findAllByText(
          new RegExp(`no obligation occurrence ${IDS.backup}`),
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});
