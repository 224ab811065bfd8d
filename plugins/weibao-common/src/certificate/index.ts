export * from './types';
export * from './permissions';
export * from './csv';
export * from './totals';
export * from './serials';
