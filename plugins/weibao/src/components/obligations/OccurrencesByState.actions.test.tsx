import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
} from '../../__testUtils__';
import { OccurrencesByState } from './OccurrencesByState';
import {
  drill,
  fill,
  IDS,
  inspection,
  list,
  obligationsTesting,
  survey,
  training,
  user,
} from './__testUtils__';

// dialogs with several fields take a few seconds in jsdom on a small machine
jest.setTimeout(20_000);

/** The ZLHIS system of examples/. */
const zlhisRef = 'component:default/zlhis-chongzuo';

const server = setupWeibaoServer();
const { serveList, answerAction } = obligationsTesting(server);

const row = (id: string) =>
  screen
    .getAllByTestId('obligation-row')
    .find(r => r.getAttribute('data-obligation-id') === id)!;

describe('OccurrencesByState actions', () => {
  it('completes a duty with its note, links and time, sending its version, then reloads', async () => {
    const queries = serveList([list(), list([drill, survey, training])]);
    const sent = answerAction(IDS.inspection, 'complete', () =>
      HttpResponse.json({
        ...inspection,
        version: 2,
        state: 'done',
      }),
    );
    await renderWeibao(<OccurrencesByState query={{ systemRef: zlhisRef }} />);
    await screen.findByTestId('obligations-group-due');
    await user.click(
      within(row(IDS.inspection)).getByRole('button', { name: 'Complete' }),
    );
    const dialog = screen.getByTestId('complete-obligation-dialog');
    expect(
      within(dialog).getByText('Complete: Inspection'),
    ).toBeInTheDocument();

    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );
    expect(within(dialog).getByText('Say what was done')).toBeInTheDocument();
    expect(sent.body).toBeUndefined();

    await fill(
      within(dialog).getByLabelText(/What was done/),
      '巡检完成:服务器、数据库性能正常',
    );
    await fill(within(dialog).getByLabelText(/Links to reports/), 'not a link');
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );
    expect(
      within(dialog).getByText('Line 1 is not an http(s) link'),
    ).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText(/Links to reports/));
    await fill(
      within(dialog).getByLabelText(/Links to reports/),
      '巡检报告 | https://docs.example.org/chongzuo/2026-q3.pdf',
    );
    fireEvent.change(within(dialog).getByLabelText(/Done at/), {
      target: { value: '2026-11-20T15:30' },
    });
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );

    await waitFor(() => expect(queries).toHaveLength(2));
    expect(sent.body).toEqual({
      version: 1,
      note: '巡检完成:服务器、数据库性能正常',
      doneAt: '2026-11-20T15:30:00+08:00',
      links: [
        {
          title: '巡检报告',
          url: 'https://docs.example.org/chongzuo/2026-q3.pdf',
        },
      ],
    });
    await waitFor(() =>
      expect(
        screen.queryByTestId('obligations-group-due'),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByTestId('complete-obligation-dialog'),
    ).not.toBeInTheDocument();
  });

  it('asks for the scores of a satisfaction survey and sends them', async () => {
    serveList([list()]);
    const sent = answerAction(IDS.survey, 'complete', () =>
      HttpResponse.json({ ...survey, version: 2, state: 'done' }),
    );
    await renderWeibao(<OccurrencesByState query={{ systemRef: zlhisRef }} />);
    await screen.findByTestId('obligations-group-upcoming');
    await user.click(
      within(row(IDS.survey)).getByRole('button', { name: 'Complete' }),
    );
    const dialog = screen.getByTestId('complete-obligation-dialog');
    await fill(
      within(dialog).getByLabelText(/What was done/),
      '信息科回访,满意度调查表已收回',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );
    expect(
      within(dialog).getByText('Give every category a score from 5 to 0'),
    ).toBeInTheDocument();
    expect(sent.body).toBeUndefined();

    const scores = {
      'Service attitude': '5',
      'Response speed': '4',
      'Technical skill': '5',
      'Problem resolved': '3',
      Overall: '4',
    };
    for (const [label, score] of Object.entries(scores)) {
      await user.selectOptions(within(dialog).getByLabelText(label), score);
    }
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );
    await waitFor(() => expect(sent.body).toBeDefined());
    expect(sent.body.scores).toEqual({
      attitude: 5,
      response: 4,
      skill: 5,
      resolution: 3,
      overall: 4,
    });
    expect(sent.body.version).toBe(1);
  });

  it("shows the backend's message next to the field it names", async () => {
    serveList([list()]);
    answerAction(IDS.inspection, 'complete', () =>
      errorResponse(
        400,
        'InputError',
        'doneAt: 2026-12-30T00:00:00Z is in the future',
      ),
    );
    await renderWeibao(<OccurrencesByState query={{ systemRef: zlhisRef }} />);
    await screen.findByTestId('obligations-group-due');
    await user.click(
      within(row(IDS.inspection)).getByRole('button', { name: 'Complete' }),
    );
    const dialog = screen.getByTestId('complete-obligation-dialog');
    await fill(within(dialog).getByLabelText(/What was done/), '巡检');
    await user.click(
      within(dialog).getByRole('button', { name: 'Record as done' }),
    );
    const message = await within(dialog).findByText(
      'doneAt: 2026-12-30T00:00:00Z is in the future',
    );
    expect(message.id).toBe(
      `${within(dialog).getByLabelText(/Done at/).id}-helper-text`,
    );
  });

  it('shows a 409 as the backend says it, and keeps the dialog open', async () => {
    serveList([list()]);
    answerAction(IDS.drill, 'waive', () =>
      errorResponse(
        409,
        'ConflictError',
        'version: the occurrence is at version 3, not 2; reload it and try again',
      ),
    );
    await renderWeibao(<OccurrencesByState query={{ systemRef: zlhisRef }} />);
    await screen.findByTestId('obligations-group-overdue');
    await user.click(
      within(row(IDS.drill)).getByRole('button', { name: 'Waive' }),
    );
    const dialog = screen.getByTestId('waive-obligation-dialog');
    await fill(within(dialog).getByLabelText(/Why it is waived/), '医院改期');
    await user.click(within(dialog).getByRole('button', { name: 'Waive' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'version: the occurrence is at version 3, not 2; reload it and try again',
    );
  });

  it('waives a duty with its reason, sending its version, then reloads', async () => {
    const queries = serveList([list(), list([inspection, survey, training])]);
    const sent = answerAction(IDS.drill, 'waive', () =>
      HttpResponse.json({ ...drill, version: 3, state: 'waived' }),
    );
    await renderWeibao(<OccurrencesByState query={{ systemRef: zlhisRef }} />);
    await screen.findByTestId('obligations-group-overdue');
    await user.click(
      within(row(IDS.drill)).getByRole('button', { name: 'Waive' }),
    );
    const dialog = screen.getByTestId('waive-obligation-dialog');
    expect(
      within(dialog).getByText('Waive: Emergency drill'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Waive' }));
    expect(
      within(dialog).getByText('Say why it is waived'),
    ).toBeInTheDocument();
    expect(sent.body).toBeUndefined();

    await fill(
      within(dialog).getByLabelText(/Why it is waived/),
      '医院要求本季度演练并入第四季度',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Waive' }));
    await waitFor(() => expect(queries).toHaveLength(2));
    expect(sent.body).toEqual({
      version: 2,
      reason: '医院要求本季度演练并入第四季度',
    });
    await waitFor(() =>
      expect(
        screen.queryByTestId('obligations-group-overdue'),
      ).not.toBeInTheDocument(),
    );
  });
});
