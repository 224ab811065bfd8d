/**
 * Weibao (维保) frontend plugin: hospital-system health, contract clocks, obligations,
 * upgrades and the team view.
 *
 * @packageDocumentation
 */

export {
  weibaoPlugin,
  WeibaoPage,
  WeibaoHospitalSystemsPage,
  EntityHospitalSystemCard,
  EntitySystemHealthCard,
  EntityContractCard,
  EntityObligationsCard,
  EntityIncidentsContent,
  EntityUpgradesContent,
  EntityCertificatesContent,
  WeibaoTeamHomeCard,
} from './plugin';
export { TeamHomeCard, TeamHomeCardContent } from './components/team';
export * from './api';
export {
  weibaoCatalogGraphRelations,
  weibaoCatalogGraphRelationPairs,
  createWeibaoCatalogGraphApi,
} from './catalogGraph';
export { weibaoTranslationRef } from './translation';
// the entity filters for EntitySwitch (legacy entity pages), so that an app needs no other package
export {
  isWeibaoAvailable,
  isMaintenanceContractEntity,
} from '@weibao/plugin-weibao-common';
