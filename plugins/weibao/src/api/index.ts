export * from './WeibaoApi';
export * from './WeibaoClient';
