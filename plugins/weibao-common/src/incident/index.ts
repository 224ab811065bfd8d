export * from './types';
export * from './lifecycle';
export * from './views';
export * from './record';
export * from './clockStanding';
export * from './health';
