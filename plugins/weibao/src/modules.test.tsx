import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  ALL_RELATIONS,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import type { TeamOverview } from '@weibao/plugin-weibao-common';
import {
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from './__testUtils__';
import {
  createWeibaoCatalogGraphApi,
  weibaoCatalogGraphRelationPairs,
  weibaoCatalogGraphRelations,
} from './catalogGraph';
import { weibaoCatalogGraphApi, weibaoTeamHomeWidget } from './modules';
import { WeibaoTeamHomeCard } from './plugin';

const server = setupWeibaoServer();

const WEIBAO_RELATIONS = [
  'covers',
  'coveredBy',
  'contractWith',
  'hasContract',
  'providedBy',
  'providerOf',
];

const overview: TeamOverview = {
  evaluatedAt: '2026-11-21T02:00:00.000Z',
  ownerRefs: ['group:default/his-aftersales-guangxi'],
  systems: [
    {
      systemRef: 'component:default/zlhis-chongzuo',
      title: 'ZLHIS 医院信息系统',
      type: 'his',
      hospitalRef: 'system:default/chongzuo-mch',
      hospitalTitle: '崇左市妇幼保健院',
      ownerRef: 'group:default/his-aftersales-guangxi',
      contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
      risk: 'breached',
      openIncidents: 1,
      awaitingConfirmation: 0,
      atRisk: 0,
      breached: 1,
      nextClockDueAt: null,
      obligations: { overdue: 0, dueSoon: 0, nextDueAt: null },
      upgradesInFlight: 0,
    },
  ],
  totals: {
    systems: 1,
    openIncidents: 1,
    atRisk: 0,
    breached: 1,
    overdueObligations: 0,
  },
};

describe('catalog graph relations', () => {
  it("adds Weibao's relations and pairs to Backstage's", () => {
    for (const r of [...ALL_RELATIONS, ...WEIBAO_RELATIONS]) {
      expect(weibaoCatalogGraphRelations).toContain(r);
    }
    expect(new Set(weibaoCatalogGraphRelations).size).toBe(
      weibaoCatalogGraphRelations.length,
    );
    expect(weibaoCatalogGraphRelationPairs).toEqual(
      expect.arrayContaining([
        ['covers', 'coveredBy'],
        ['contractWith', 'hasContract'],
        ['providedBy', 'providerOf'],
        ['ownerOf', 'ownedBy'],
      ]),
    );
  });

  it("draws Weibao's relations by default, where the stock API does not", () => {
    const stock = new DefaultCatalogGraphApi();
    const weibao = createWeibaoCatalogGraphApi();
    for (const r of WEIBAO_RELATIONS) {
      expect(stock.defaultRelations).not.toContain(r);
      expect(weibao.defaultRelations).toContain(r);
    }
    expect(weibao.knownRelationPairs).toEqual(weibaoCatalogGraphRelationPairs);
  });

  it('the module replaces the catalog graph API with that one', () => {
    const tester = createExtensionTester(weibaoCatalogGraphApi);
    const factory = tester.get(ApiBlueprint.dataRefs.factory);
    expect(factory.api.id).toBe('plugin.catalog-graph.service');
    const api = factory.factory({}) as DefaultCatalogGraphApi;
    expect(api.defaultRelations).toEqual(
      expect.arrayContaining(WEIBAO_RELATIONS),
    );
  });
});

describe('team home card', () => {
  beforeEach(() => {
    server.use(
      http.get(`${WEIBAO_BASE_URL}/team-overview`, () =>
        HttpResponse.json(overview),
      ),
    );
  });

  it('legacy: WeibaoTeamHomeCard shows the teams’ systems at risk, with a link to the team view', async () => {
    await renderWeibao(<WeibaoTeamHomeCard />);
    expect(await screen.findByText('ZLHIS 医院信息系统')).toBeInTheDocument();
    expect(
      screen.getByText('My teams’ systems 我的团队维保的系统'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the team view' }),
    ).toHaveAttribute('href', '/weibao');
  });

  it('new frontend system: the WeibaoTeam widget renders the same card', async () => {
    const tester = createExtensionTester(weibaoTeamHomeWidget);
    const widget = tester.get(homePageWidgetDataRef);
    expect(widget.name).toBe('WeibaoTeam');
    expect(widget.title).toBe('My teams’ systems 我的团队维保的系统');
    await renderWeibao(widget.component);
    expect(await screen.findByText('ZLHIS 医院信息系统')).toBeInTheDocument();
  });
});
