import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { weibaoApiRef, WeibaoClient } from './api';
import { teamHomeCardInfo } from './components/team/homeInfo';
import { rootRouteRef } from './routes';

/**
 * Weibao for apps on the legacy frontend system. Apps on the new frontend system use
 * `@weibao/plugin-weibao/alpha`.
 *
 * @public
 */
export const weibaoPlugin = createPlugin({
  id: 'weibao',
  apis: [
    createApiFactory({
      api: weibaoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new WeibaoClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The Weibao page: the team view, incidents, hospital systems, and the pages of single
 * incidents, obligations and upgrade plans.
 *
 * @public
 */
export const WeibaoPage: () => JSX.Element = weibaoPlugin.provide(
  createRoutableExtension({
    name: 'WeibaoPage',
    component: () => import('./components/WeibaoPage').then(m => m.WeibaoPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Page listing every hospital system by hospital.
 *
 * @public
 * @deprecated Use `WeibaoPage`, which has it as a tab.
 */
export const WeibaoHospitalSystemsPage = WeibaoPage;

/** How `createComponentExtension` takes a lazily loaded component. */
type LazyComponent = Extract<
  Parameters<typeof createComponentExtension>[0]['component'],
  { lazy: unknown }
>['lazy'];

/** A lazily loaded component of Weibao's, as a legacy component extension. */
function card(name: string, lazy: LazyComponent) {
  return weibaoPlugin.provide(
    createComponentExtension({ name, component: { lazy } }),
  );
}

/**
 * Entity card for a hospital system (use with `isWeibaoAvailable`).
 *
 * @public
 */
export const EntityHospitalSystemCard = card('EntityHospitalSystemCard', () =>
  import('./components/HospitalSystemCard').then(m => m.HospitalSystemCard),
);

/**
 * A hospital system's health: open incidents, running clocks, what is due, upgrades,
 * certificate expiries (use with `isWeibaoAvailable`).
 *
 * @public
 */
export const EntitySystemHealthCard = card('EntitySystemHealthCard', () =>
  import('./components/cards').then(m => m.SystemHealthCard),
);

/**
 * The maintenance contract of a contract entity or of the hospital system it covers, with
 * its penalty exposure so far.
 *
 * @public
 */
export const EntityContractCard = card('EntityContractCard', () =>
  import('./components/cards').then(m => m.ContractCard),
);

/**
 * Obligations of a hospital system or a contract: overdue, due and upcoming, with complete
 * and waive actions.
 *
 * @public
 */
export const EntityObligationsCard = card('EntityObligationsCard', () =>
  import('./components/obligations').then(m => m.ObligationsCard),
);

/**
 * A hospital system's incidents with the report form (an entity tab).
 *
 * @public
 */
export const EntityIncidentsContent = card('EntityIncidentsContent', () =>
  import('./components/incidents').then(m => m.EntityIncidentsContent),
);

/**
 * A hospital system's upgrade plans and drills (an entity tab).
 *
 * @public
 */
export const EntityUpgradesContent = card('EntityUpgradesContent', () =>
  import('./components/upgrades').then(m => m.EntityUpgradesContent),
);

/**
 * The certificate register of a CA system, with CSV import (an entity tab).
 *
 * @public
 */
export const EntityCertificatesContent = card('EntityCertificatesContent', () =>
  import('./components/certificates').then(m => m.EntityCertificatesContent),
);

/**
 * Home-page card: the signed-in user's teams' systems needing attention, at risk first,
 * with a link to the team view. A home card (`createCardExtension`): use it in
 * `CustomHomepageGrid` or on a fixed home page. The new frontend system installs
 * `weibaoHomeModule` from `@weibao/plugin-weibao/alpha` instead.
 *
 * @public
 */
export const WeibaoTeamHomeCard = weibaoPlugin.provide(
  createCardExtension<{ limit?: number }>({
    name: 'WeibaoTeamHomeCard',
    ...teamHomeCardInfo,
    components: () =>
      import('./components/team/homeWidget').then(m => m.teamHomeCardParts),
  }),
);
