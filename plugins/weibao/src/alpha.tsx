import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import LocalHospitalIcon from '@material-ui/icons/LocalHospital';
import {
  isMaintenanceContractEntity,
  isWeibaoAvailable,
} from '@weibao/plugin-weibao-common';
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

/** A hospital system or a maintenance contract. */
const isSystemOrContract = (entity: Entity) =>
  isWeibaoAvailable(entity) || isMaintenanceContractEntity(entity);

/** A CA system: personal certificates, USB keys and e-seals with a register. */
const isCaSystem = (entity: Entity) =>
  isWeibaoAvailable(entity) && entity.spec?.type === 'ca';

const weibaoPage = PageBlueprint.make({
  params: {
    path: '/weibao',
    title: 'Weibao 维保',
    icon: <LocalHospitalIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    // the page draws its own header, translated
    noHeader: true,
    loader: () => import('./components/WeibaoPage').then(m => <m.WeibaoPage />),
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

const systemHealthCard = EntityCardBlueprint.make({
  name: 'system-health',
  params: {
    filter: isWeibaoAvailable,
    loader: () =>
      import('./components/cards').then(m => <m.SystemHealthCard />),
  },
});

const contractCard = EntityCardBlueprint.make({
  name: 'contract',
  params: {
    filter: isSystemOrContract,
    loader: () => import('./components/cards').then(m => <m.ContractCard />),
  },
});

const obligationsCard = EntityCardBlueprint.make({
  name: 'obligations',
  params: {
    filter: isSystemOrContract,
    loader: () =>
      import('./components/obligations').then(m => <m.ObligationsCard />),
  },
});

const incidentsContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: 'incidents',
    title: 'Incidents',
    filter: isWeibaoAvailable,
    loader: () =>
      import('./components/incidents').then(m => <m.EntityIncidentsContent />),
  },
});

const upgradesContent = EntityContentBlueprint.make({
  name: 'upgrades',
  params: {
    path: 'upgrades',
    title: 'Upgrades',
    filter: isWeibaoAvailable,
    loader: () =>
      import('./components/upgrades').then(m => <m.EntityUpgradesContent />),
  },
});

const certificatesContent = EntityContentBlueprint.make({
  name: 'certificates',
  params: {
    path: 'certificates',
    title: 'Certificates',
    filter: isCaSystem,
    loader: () =>
      import('./components/certificates').then(m => (
        <m.EntityCertificatesContent />
      )),
  },
});

/**
 * Weibao for apps on the new frontend system: the Weibao page, the cards of hospital systems
 * and contracts, and the incidents, upgrades and certificates tabs of a hospital system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'weibao',
  extensions: [
    weibaoApi,
    weibaoPage,
    hospitalSystemCard,
    systemHealthCard,
    contractCard,
    obligationsCard,
    incidentsContent,
    upgradesContent,
    certificatesContent,
  ],
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
});

export { weibaoCatalogGraphModule, weibaoHomeModule } from './modules';
export { weibaoTranslationRef } from './translation';
