export * from './types';
export * from './lifecycle';
export * from './views';
