import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type {
  HospitalSystemList,
  TeamOverview,
} from '@weibao/plugin-weibao-common';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../__testUtils__';
import { WeibaoPage } from './WeibaoPage';

const server = setupWeibaoServer();

const overview: TeamOverview = {
  evaluatedAt: '2026-11-21T02:00:00.000Z',
  ownerRefs: ['group:default/his-aftersales-guangxi'],
  systems: [],
  totals: {
    systems: 0,
    openIncidents: 0,
    atRisk: 0,
    breached: 0,
    overdueObligations: 0,
  },
};

const systems: HospitalSystemList = {
  items: [
    {
      entityRef: 'component:default/icu-longzhou',
      title: '重症监护系统',
      type: 'icu',
      hospitalRef: 'system:default/longzhou-people',
      hospital: {
        entityRef: 'system:default/longzhou-people',
        title: '龙州县人民医院',
      },
      owner: 'group:default/critical-care-aftersales',
    },
  ],
} as HospitalSystemList;

describe('WeibaoPage', () => {
  beforeEach(() => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/team-overview`, () =>
        HttpResponse.json(overview),
      ),
      http.get(`${WEIBAO_BASE_URL}/hospital-systems`, () =>
        HttpResponse.json(systems),
      ),
    );
  });

  it('opens on the team view, with tabs for incidents and hospital systems', async () => {
    await renderWeibao(<WeibaoPage />);
    expect(
      await screen.findByText(
        'Your teams own no hospital systems in the catalog.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'My teams' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Incidents' })).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Hospital systems' }),
    ).toBeInTheDocument();
  });

  it('shows every hospital system on its tab', async () => {
    await renderWeibao(<WeibaoPage />, { routeEntries: ['/systems'] });
    expect(await screen.findByText('重症监护系统')).toBeInTheDocument();
    expect(screen.getByText('龙州县人民医院')).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Hospital systems' }),
    ).toHaveAttribute('aria-selected', 'true');
  });

  it("shows an incident's own page, with a way back, not the tabs", async () => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/incidents/:id`, ({ params }) =>
        errorResponse(404, 'NotFoundError', `incident ${params.id} not found`),
      ),
    );
    await renderWeibao(<WeibaoPage />, {
      routeEntries: ['/incidents/2f6a3c1e-0000-4000-8000-000000000001'],
    });
    expect(
      (
        await screen.findAllByText(
          /incident 2f6a3c1e-0000-4000-8000-000000000001 not found/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Back to Weibao')).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'My teams' })).toBeNull();
  });
});
