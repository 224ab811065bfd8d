import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { TeamOverview } from '@weibao/plugin-weibao-common';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { TeamOverviewPage } from './TeamOverviewPage';
import { TeamHomeCard } from './TeamHomeCard';

const server = setupWeibaoServer();

const system = (
  name: string,
  title: string,
  risk: TeamOverview['systems'][number]['risk'],
  figures: Partial<TeamOverview['systems'][number]> = {},
): TeamOverview['systems'][number] => ({
  systemRef: `component:default/${name}`,
  title,
  type: 'his',
  hospitalRef: 'system:default/chongzuo-mch',
  hospitalTitle: '崇左市妇幼保健院',
  ownerRef: 'group:default/his-aftersales-guangxi',
  contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
  risk,
  openIncidents: 0,
  awaitingConfirmation: 0,
  atRisk: 0,
  breached: 0,
  nextClockDueAt: null,
  obligations: { overdue: 0, dueSoon: 0, nextDueAt: null },
  upgradesInFlight: 0,
  ...figures,
});

const overview: TeamOverview = {
  evaluatedAt: '2026-11-21T02:00:00.000Z',
  ownerRefs: ['group:default/his-aftersales-guangxi', 'user:default/zhang.wei'],
  systems: [
    system('zlhis-chongzuo', 'ZLHIS 医院信息系统', 'breached', {
      openIncidents: 2,
      breached: 1,
      atRisk: 1,
      nextClockDueAt: '2026-11-21T03:15:00.000Z',
    }),
    system('smartanes-chongzuo', '手术麻醉系统', 'overdue', {
      obligations: { overdue: 1, dueSoon: 2, nextDueAt: null },
    }),
    system('aecg-chongzuo', 'aECG-Net 心电网络系统', 'ok'),
  ],
  totals: {
    systems: 3,
    openIncidents: 2,
    atRisk: 1,
    breached: 1,
    overdueObligations: 1,
  },
};

describe('TeamOverviewPage', () => {
  it("lists the teams' systems in the backend's order, at risk first, with their figures", async () => {
    let ownerRefs: string[] = [];
    server.use(
      http.get(`${WEIBAO_BASE_URL}/team-overview`, ({ request }) => {
        ownerRefs = new URL(request.url).searchParams.getAll('ownerRef');
        return HttpResponse.json(overview);
      }),
    );
    await renderWeibao(<TeamOverviewPage />);
    const rows = await screen.findAllByRole('row');
    const bodyRows = rows.filter(r => within(r).queryByText(/系统/));
    expect(
      bodyRows.map(r => within(r).getAllByRole('link')[0].textContent),
    ).toEqual(['ZLHIS 医院信息系统', '手术麻醉系统', 'aECG-Net 心电网络系统']);
    expect(screen.getByTestId('team-total-breached')).toHaveTextContent('1');
    expect(screen.getByTestId('team-total-systems')).toHaveTextContent('3');
    expect(screen.getByText('1 overdue · 2 due soon')).toBeInTheDocument();
    expect(screen.getByText('21 Nov 2026, 11:15')).toBeInTheDocument();
    // no owners given: the backend takes the caller's own
    expect(ownerRefs).toEqual([]);
  });

  it('asks for the given owners', async () => {
    let ownerRefs: string[] = [];
    server.use(
      http.get(`${WEIBAO_BASE_URL}/team-overview`, ({ request }) => {
        ownerRefs = new URL(request.url).searchParams.getAll('ownerRef');
        return HttpResponse.json({ ...overview, systems: [] });
      }),
    );
    await renderWeibao(
      <TeamOverviewPage ownerRefs={['group:default/icu-aftersales']} />,
    );
    expect(
      await screen.findByText(
        'Your teams own no hospital systems in the catalog.',
      ),
    ).toBeInTheDocument();
    expect(ownerRefs).toEqual(['group:default/icu-aftersales']);
  });

  it("shows the backend's error", async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/team-overview`, () =>
        errorResponse(403, 'NotAllowedError', 'weibao.incident.read denied'),
      ),
    );
    await renderWeibao(<TeamOverviewPage />);
    expect(
      (await screen.findAllByText(/weibao.incident.read denied/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('TeamHomeCard', () => {
  it('shows the systems needing attention, not those that are fine', async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/team-overview`, () =>
        HttpResponse.json(overview),
      ),
    );
    await renderWeibao(<TeamHomeCard />);
    expect(await screen.findByText('ZLHIS 医院信息系统')).toBeInTheDocument();
    expect(screen.getByText('手术麻醉系统')).toBeInTheDocument();
    expect(screen.queryByText('aECG-Net 心电网络系统')).not.toBeInTheDocument();
    expect(screen.getByText('Overdue duty')).toBeInTheDocument();
  });

  it('says all is clear when nothing is at risk', async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/team-overview`, () =>
        HttpResponse.json({
          ...overview,
          systems: [system('aecg-chongzuo', 'aECG-Net 心电网络系统', 'ok')],
        }),
      ),
    );
    await renderWeibao(<TeamHomeCard />);
    expect(await screen.findByText(/Nothing at risk/)).toBeInTheDocument();
  });
});
