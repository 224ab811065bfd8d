export { weibaoPlugin as default } from './plugin';
export {
  incidentConditions,
  createIncidentConditionalDecision,
} from './permissions/incidentRules';
