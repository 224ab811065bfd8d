export * from './types';
export * from './relations';
export * from './validate';
export { maintenanceContractSchema } from './schema';
export * from './period';
export * from './overlap';
export * from './penalty';
