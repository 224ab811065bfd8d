export * from './types';
export * from './relations';
export * from './validate';
export { default as maintenanceContractSchema } from './MaintenanceContract.v1alpha1.schema.json';
export * from './period';
export * from './penalty';
