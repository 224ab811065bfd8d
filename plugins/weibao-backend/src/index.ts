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
