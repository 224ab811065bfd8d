export * from './types';
export * from './lifecycle';
export * from './views';
export * from './record';
