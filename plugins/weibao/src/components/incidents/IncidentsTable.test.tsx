import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { IncidentsTable } from './IncidentsTable';
import { IncidentsPage } from './IncidentsPage';
import { clock, incident, list, ZLHIS } from './__testUtils__';

const server = setupWeibaoServer();
// MUI selects opened one option at a time are slow in jsdom
jest.setTimeout(20_000);

/** Answers `GET /incidents` with `answer(params)` and records every request's parameters. */
function serveIncidents(answer: (params: URLSearchParams) => Response) {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get(`${WEIBAO_BASE_URL}/incidents`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.push(params);
      return answer(params);
    }),
  );
  return requests;
}

const calm = incident({
  id: '00000000-0000-4000-8000-000000000001',
  title: '心电报告打印格式错位',
  level: 4,
  levelName: '一般需求类',
  status: 'acknowledged',
  reportedAt: '2026-11-21T03:00:00.000Z',
  clocks: [
    clock('response', { status: 'met', metAt: '2026-11-21T03:10:00.000Z' }),
    clock('dispatch', { dueAt: '2026-12-01T10:00:00.000Z' }),
  ],
});
const atRisk = incident({
  id: '00000000-0000-4000-8000-000000000002',
  title: '收费室结算缓慢',
  level: 2,
  levelName: '严重故障',
  reportedAt: '2026-11-21T02:00:00.000Z',
  clocks: [clock('response', { atRisk: true })],
});
const breached = incident({
  id: '00000000-0000-4000-8000-000000000003',
  title: '挂号处无法登录 ZLHIS',
  status: 'dispatched',
  reportedAt: '2026-11-20T01:00:00.000Z',
  clocks: [
    clock('response', { status: 'met', metAt: '2026-11-20T01:10:00.000Z' }),
    clock('dispatch', {
      status: 'breached',
      dueAt: '2026-11-20T03:00:00.000Z',
      breachedAt: '2026-11-20T03:00:00.000Z',
      remainingMs: -60 * 60_000,
    }),
  ],
});
const closed = incident({
  id: '00000000-0000-4000-8000-000000000004',
  title: '叫号屏不显示',
  level: 3,
  levelName: '一般错误类',
  status: 'closed',
  reportedAt: '2026-11-19T01:00:00.000Z',
  clocks: [clock('response', { status: 'met', metAt: '2026-11-19T01:05:00Z' })],
});

describe('IncidentsTable', () => {
  it('shows a page riskiest first: breached, at risk, then earliest due, then no running clock', async () => {
    const requests = serveIncidents(() =>
      HttpResponse.json(list([closed, calm, atRisk, breached])),
    );
    await renderWeibao(<IncidentsTable />);

    const link = await screen.findByRole('link', {
      name: '挂号处无法登录 ZLHIS',
    });
    expect(link).toHaveAttribute('href', `/weibao/incidents/${breached.id}`);
    const rows = screen
      .getAllByRole('row')
      .filter(r => within(r).queryByRole('link', { name: /[\u4e00-\u9fff]/ }));
    expect(
      rows.map(r => within(r).getAllByRole('link')[0].textContent),
    ).toEqual([
      '挂号处无法登录 ZLHIS',
      '收费室结算缓慢',
      '心电报告打印格式错位',
      '叫号屏不显示',
    ]);
    const [first, second, third, fourth] = rows;
    expect(within(first).getByText('1 系统灾难故障')).toBeInTheDocument();
    expect(within(first).getByText('Dispatched')).toBeInTheDocument();
    expect(
      within(first)
        .getByTestId('incident-urgent-clock')
        .querySelector('[data-clock-state]'),
    ).toHaveAttribute('data-clock-state', 'breached');
    expect(
      within(first).getByText('Dispatch · due 20 Nov 2026, 11:00'),
    ).toBeInTheDocument();
    expect(within(first).getByText('20 Nov 2026, 09:00')).toBeInTheDocument();
    expect(
      within(second)
        .getByTestId('incident-urgent-clock')
        .querySelector('[data-clock-state]'),
    ).toHaveAttribute('data-clock-state', 'at-risk');
    expect(within(second).getByText('2 严重故障')).toBeInTheDocument();
    expect(
      within(third).getByText('Dispatch · due 1 Dec 2026, 18:00'),
    ).toBeInTheDocument();
    expect(within(fourth).getByText('No clock running')).toBeInTheDocument();
    expect(within(fourth).getByText('Closed')).toBeInTheDocument();
    expect(screen.getByTestId('incidents-page')).toHaveTextContent(
      'Page 1 · 4 incidents in all',
    );
    // no filter set: only the page size is asked for
    expect([...requests[0].entries()]).toEqual([['limit', '20']]);
  });

  it('says so when no incident matches', async () => {
    serveIncidents(() => HttpResponse.json(list([])));
    await renderWeibao(<IncidentsTable />);
    expect(
      await screen.findByText('No incidents match these filters.'),
    ).toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    serveIncidents(() =>
      errorResponse(
        400,
        'InputError',
        'ownerRef: "x y" is not an entity reference',
      ),
    );
    await renderWeibao(<IncidentsTable />);
    expect(
      (await screen.findAllByText(/ownerRef: "x y" is not an entity reference/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows progress while the page loads', async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/incidents`, async () => {
        await new Promise(() => {});
        return HttpResponse.json(list([]));
      }),
    );
    await renderWeibao(<IncidentsTable />);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('pages with the cursor: Next asks for the next page, Previous goes back', async () => {
    const requests = serveIncidents(params =>
      params.get('cursor') === 'page-2'
        ? HttpResponse.json(list([closed], { totalCount: 2 }))
        : HttpResponse.json(
            list([breached], { totalCount: 2, nextCursor: 'page-2' }),
          ),
    );
    await renderWeibao(<IncidentsTable systemRef={ZLHIS} />);
    await screen.findByRole('link', { name: breached.title });
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByRole('link', { name: closed.title }),
    ).toBeInTheDocument();
    expect(requests[1].get('cursor')).toBe('page-2');
    expect(requests[1].get('systemRef')).toBe(ZLHIS);
    expect(screen.getByTestId('incidents-page')).toHaveTextContent('Page 2');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(
      await screen.findByRole('link', { name: breached.title }),
    ).toBeInTheDocument();
    expect(requests[2].get('cursor')).toBeNull();
    expect(screen.getByTestId('incidents-page')).toHaveTextContent('Page 1');
  });

  it('sends each filter as its query parameter, from the first page again', async () => {
    const requests = serveIncidents(params =>
      HttpResponse.json(
        list([breached], params.get('cursor') ? {} : { nextCursor: 'page-2' }),
      ),
    );
    await renderWeibao(
      <IncidentsTable
        systemRef={ZLHIS}
        ownerRefs={['group:default/his-aftersales-guangxi']}
      />,
    );
    await screen.findByRole('link', { name: breached.title });
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(requests).toHaveLength(2));

    const choose = async (label: string, option: string) => {
      await userEvent.click(screen.getByLabelText(label));
      await userEvent.click(
        await screen.findByRole('option', { name: option }),
      );
    };
    await choose('Status', 'Open');
    await choose('Level', '1');
    await choose('Clocks', 'Breached');
    fireEvent.change(screen.getByLabelText('Reported from'), {
      target: { value: '2026-11-01T08:00' },
    });
    fireEvent.change(screen.getByLabelText('Reported to'), {
      target: { value: '2026-11-30T18:00' },
    });
    await userEvent.type(screen.getByLabelText('Search'), '挂号');

    await waitFor(() =>
      expect(requests[requests.length - 1].get('q')).toBe('挂号'),
    );
    const last = requests[requests.length - 1];
    expect(last.get('systemRef')).toBe(ZLHIS);
    expect(last.get('ownerRef')).toBe('group:default/his-aftersales-guangxi');
    expect(last.getAll('status')).toEqual([
      'reported',
      'acknowledged',
      'dispatched',
      'on-site',
      'remote',
    ]);
    expect(last.get('level')).toBe('1');
    expect(last.get('breached')).toBe('true');
    expect(last.get('atRisk')).toBeNull();
    expect(last.get('reportedFrom')).toBe('2026-11-01T08:00:00+08:00');
    expect(last.get('reportedTo')).toBe('2026-11-30T18:00:00+08:00');
    expect(last.get('cursor')).toBeNull();

    await choose('Clocks', 'At risk');
    await waitFor(() =>
      expect(requests[requests.length - 1].get('atRisk')).toBe('true'),
    );
    expect(requests[requests.length - 1].get('breached')).toBeNull();
  });

  it('lists all of the user’s teams by default, and one team when chosen', async () => {
    const requests = serveIncidents(() => HttpResponse.json(list([])));
    await renderWeibao(
      <IncidentsPage
        ownerRefs={[
          'group:default/his-aftersales-guangxi',
          'group:default/icu-aftersales',
        ]}
      />,
    );
    await screen.findByText('No incidents match these filters.');
    expect(requests[0].getAll('ownerRef')).toEqual([
      'group:default/his-aftersales-guangxi',
      'group:default/icu-aftersales',
    ]);
    expect(requests[0].get('systemRef')).toBeNull();
    expect(screen.getByLabelText('Team')).toHaveTextContent('All my teams');
    await userEvent.click(screen.getByLabelText('Team'));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'group:default/icu-aftersales',
      }),
    );
    await waitFor(() =>
      expect(requests[requests.length - 1].getAll('ownerRef')).toEqual([
        'group:default/icu-aftersales',
      ]),
    );
  });
});
