/**
 * Weibao (维保) frontend plugin: hospital-system health, contract clocks, obligations,
 * upgrades and the team view.
 *
 * @packageDocumentation
 */

export {
  weibaoPlugin,
  WeibaoHospitalSystemsPage,
  EntityHospitalSystemCard,
} from './plugin';
export * from './api';
export { weibaoTranslationRef } from './translation';
