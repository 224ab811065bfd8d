export * from './fixtures';
export { certificatesTesting, type } from './certificatesTesting';
