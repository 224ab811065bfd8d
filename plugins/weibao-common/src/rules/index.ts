export { RuleError } from './RuleError';
