import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { ObligationsCard } from './ObligationsCard';
import {
  chongzuoContract,
  drill,
  IDS,
  list,
  obligationsTesting,
  zlhis,
} from './__testUtils__';

const server = setupWeibaoServer();
const { serveList } = obligationsTesting(server);

describe('ObligationsCard', () => {
  it("asks once for a system's open duties and groups them overdue, due soon, upcoming", async () => {
    const queries = serveList([list()]);
    await renderWeibao(<ObligationsCard />, { entity: zlhis });

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
    expect(queries[0].get('limit')).toBe('50');
    expect(queries[0].get('contractRef')).toBeNull();
  });

  it("asks for a contract's own duties and says when more are open than shown", async () => {
    const queries = serveList([
      { items: [drill], totalCount: 212, nextCursor: 'next' },
    ]);
    await renderWeibao(<ObligationsCard />, { entity: chongzuoContract });
    expect(
      await screen.findByText('Showing the first 1 of 212 open duties.'),
    ).toBeInTheDocument();
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
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says so when nothing is open', async () => {
    serveList([list([])]);
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
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
    await renderWeibao(<ObligationsCard />, { entity: zlhis });
    expect(
      (await screen.findAllByText(/weibao.obligation.read denied/)).length,
    ).toBeGreaterThan(0);
  });
});
