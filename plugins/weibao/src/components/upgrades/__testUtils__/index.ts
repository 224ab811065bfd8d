export * from './fixtures';
export { upgradePlanTesting } from './upgradePlanTesting';
