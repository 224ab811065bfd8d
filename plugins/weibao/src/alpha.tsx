import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import LocalHospitalIcon from '@material-ui/icons/LocalHospital';
import { isWeibaoAvailable } from '@weibao/plugin-weibao-common';
import { weibaoApiRef, WeibaoClient } from './api';
import { rootRouteRef } from './routes';

const weibaoApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: weibaoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new WeibaoClient({ discoveryApi, fetchApi }),
    }),
});

const hospitalSystemsPage = PageBlueprint.make({
  params: {
    path: '/weibao',
    title: 'Weibao 维保',
    icon: <LocalHospitalIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/HospitalSystemsPage').then(m => (
        <m.HospitalSystemsPage />
      )),
  },
});

const hospitalSystemCard = EntityCardBlueprint.make({
  name: 'hospital-system',
  params: {
    type: 'info',
    filter: isWeibaoAvailable,
    loader: () =>
      import('./components/HospitalSystemCard').then(m => (
        <m.HospitalSystemCard />
      )),
  },
});

/**
 * Weibao for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'weibao',
  extensions: [weibaoApi, hospitalSystemsPage, hospitalSystemCard],
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
});

export { weibaoTranslationRef } from './translation';
