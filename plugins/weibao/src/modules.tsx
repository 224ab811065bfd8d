import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { createWeibaoCatalogGraphApi } from './catalogGraph';
import { teamHomeCardInfo } from './components/team/homeInfo';

/** `api:catalog-graph`, replaced by one that knows Weibao's relations. */
export const weibaoCatalogGraphApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: catalogGraphApiRef,
      deps: {},
      factory: () => createWeibaoCatalogGraphApi(),
    }),
});

/**
 * The catalog graph, taught Weibao's relations: a contract `covers` hospital systems
 * (`coveredBy`), is made `contractWith` a hospital (`hasContract`), is `providedBy` a vendor
 * team (`providerOf`). It replaces the catalog graph's API (`api:catalog-graph`) with one
 * that knows Backstage's relations and Weibao's and draws all of them by default; without it
 * the graph on entity pages and the graph page draw none of Weibao's edges. Add it to your
 * app's `features`.
 *
 * @alpha
 */
export const weibaoCatalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [weibaoCatalogGraphApi],
});

/** `home-page-widget:home/weibao-team`: the team home card as a home page widget. */
export const weibaoTeamHomeWidget = HomePageWidgetBlueprint.make({
  name: 'weibao-team',
  params: {
    name: 'WeibaoTeam',
    ...teamHomeCardInfo,
    components: () =>
      import('./components/team/homeWidget').then(m => m.teamHomeCardParts),
  },
});

/**
 * Weibao's home page widget (`home-page-widget:home/weibao-team`, widget name `WeibaoTeam`):
 * the signed-in user's teams' systems needing attention, at risk first, with a link to the
 * team view. Add it to your app's `features` and place it in the home page's
 * `defaultConfig` (`component: WeibaoTeam`).
 *
 * @alpha
 */
export const weibaoHomeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [weibaoTeamHomeWidget],
});
