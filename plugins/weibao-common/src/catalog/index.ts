export * from './annotations';
export * from './systemTypes';
export * from './entities';
export * from './references';
