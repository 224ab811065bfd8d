import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { weibaoApiRef, WeibaoClient } from './api';
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
 * Page listing every hospital system by hospital.
 *
 * @public
 */
export const WeibaoHospitalSystemsPage = weibaoPlugin.provide(
  createRoutableExtension({
    name: 'WeibaoHospitalSystemsPage',
    component: () =>
      import('./components/HospitalSystemsPage').then(
        m => m.HospitalSystemsPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity card for a hospital system (use with `isWeibaoAvailable`).
 *
 * @public
 */
export const EntityHospitalSystemCard = weibaoPlugin.provide(
  createComponentExtension({
    name: 'EntityHospitalSystemCard',
    component: {
      lazy: () =>
        import('./components/HospitalSystemCard').then(
          m => m.HospitalSystemCard,
        ),
    },
  }),
);
