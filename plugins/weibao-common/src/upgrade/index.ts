export * from './types';
export * from './window';
export * from './lifecycle';
