export * from './fixtures';
export { incidentPageTesting } from './incidentPageTesting';
