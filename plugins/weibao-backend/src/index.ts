export { weibaoPlugin as default } from './plugin';
export {
  incidentConditions,
  createIncidentConditionalDecision,
  obligationConditions,
  createObligationConditionalDecision,
  upgradePlanConditions,
  createUpgradePlanConditionalDecision,
  drillConditions,
} from './permissions/rules';
export {
  certificateConditions,
  createCertificateConditionalDecision,
} from './permissions/certificateRules';
export type { Owned } from './permissions/rules';
export type { ColumnFilter } from './database/permissionFilter';
export type { CertificateResource } from './permissions/certificateRules';
export type { CertificateFilter } from './database/certificates/CertificateStore';
