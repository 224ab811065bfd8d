export * from './types';
export * from './schedule';
export * from './occurrence';
export * from './history';
export * from './kinds';
export * from './reconcile';
export * from './evidenceFiles';
