export { weibaoPlugin as default } from './plugin';
export {
  incidentConditions,
  createIncidentConditionalDecision,
  obligationConditions,
  createObligationConditionalDecision,
} from './permissions/rules';
