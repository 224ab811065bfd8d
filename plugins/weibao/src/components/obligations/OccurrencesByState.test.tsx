import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { OccurrencesByState } from './OccurrencesByState';
import {
  drill,
  inspection,
  IDS,
  list,
  obligationsTesting,
} from './__testUtils__';

/** The ZLHIS system and the Chongzuo contract of examples/, as the card asks for them. */
const zlhisRef = 'component:default/zlhis-chongzuo';
const chongzuoRef = 'maintenancecontract:default/chongzuo-mch-2026';

const server = setupWeibaoServer();
const { serveList } = obligationsTesting(server);

describe('OccurrencesByState', () => {
  it("asks once for a system's open duties and groups them overdue, due soon, upcoming", async () => {
    const queries = serveList([list()]);
    await renderWeibao(<OccurrencesByState query={{ systemRef: zlhisRef }} />);

    const overdue = await screen.findByTestId('obligations-group-overdue');
    expect(within(overdue).getByText('Emergency drill')).toBeInTheDocument();
    expect(
      within(overdue).getByText(
        'Scenarios: 服务器宕机, 接口协议不兼容, 数据同步中断',
      ),
    ).toBeInTheDocument();
    expect(
      within(overdue)
        .getByText('Overdue', { selector: '[data-obligation-state] *' })
        .closest('[data-obligation-state]'),
    ).toHaveAttribute('data-obligation-state', 'overdue');

    const due = screen.getByTestId('obligations-group-due');
    expect(
      within(due).getByRole('link', { name: 'Inspection' }),
    ).toHaveAttribute('href', `/weibao/obligations/${IDS.inspection}`);
    expect(
      within(due).getByText('Due 1 Dec 2026, 18:00', { exact: false }),
    ).toBeInTheDocument();

    const upcoming = screen.getByTestId('obligations-group-upcoming');
    expect(
      within(upcoming).getByText('Return visit · Satisfaction survey'),
    ).toBeInTheDocument();
    expect(
      within(upcoming).getByText('Follow-up: Satisfaction survey'),
    ).toBeInTheDocument();
    expect(within(upcoming).getByText('2 of 3')).toBeInTheDocument();

    expect(queries).toHaveLength(1);
    expect(queries[0].get('systemRef')).toBe(
      'component:default/zlhis-chongzuo',
    );
    expect(queries[0].getAll('state')).toEqual(['overdue', 'due', 'upcoming']);
    expect(queries[0].get('perState')).toBe('20');
    expect(queries[0].get('limit')).toBeNull();
    expect(queries[0].get('contractRef')).toBeNull();
  });

  it("asks for a contract's own duties and counts each state, however many are overdue", async () => {
    const queries = serveList([
      {
        items: [drill, inspection],
        totalCount: 83,
        stateCounts: { overdue: 82, due: 1, upcoming: 0 },
      },
    ]);
    await renderWeibao(
      <OccurrencesByState query={{ contractRef: chongzuoRef }} />,
    );
    const overdue = await screen.findByTestId('obligations-group-overdue');
    expect(overdue).toHaveTextContent('Overdue (82)');
    expect(overdue).toHaveTextContent('Showing the first 1 of 82.');
    // the due one shows however many are overdue, all of it
    const due = screen.getByTestId('obligations-group-due');
    expect(due).toHaveTextContent('(1)');
    expect(due).not.toHaveTextContent('Showing the first');
    expect(queries[0].get('contractRef')).toBe(
      'maintenancecontract:default/chongzuo-mch-2026',
    );
    expect(queries[0].get('systemRef')).toBeNull();
  });

  it('shows progress while loading', async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/obligations`, async () => {
        await delay('infinite');
        return HttpResponse.json(list());
      }),
    );
    await renderWeibao(<OccurrencesByState query={{ systemRef: zlhisRef }} />);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says so when nothing is open', async () => {
    serveList([list([])]);
    await renderWeibao(<OccurrencesByState query={{ systemRef: zlhisRef }} />);
    expect(await screen.findByTestId('obligations-empty')).toHaveTextContent(
      'Nothing overdue, due or upcoming.',
    );
  });

  it("shows the backend's error", async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/obligations`, () =>
        errorResponse(403, 'NotAllowedError', 'weibao.obligation.read denied'),
      ),
    );
    await renderWeibao(<OccurrencesByState query={{ systemRef: zlhisRef }} />);
    expect(
      (await screen.findAllByText(/weibao.obligation.read denied/)).length,
    ).toBeGreaterThan(0);
  });
});
