export * from './fixtures';
export { fill, obligationsTesting, user } from './obligationsTesting';
