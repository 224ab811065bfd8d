export * from './databases';
export * from './exampleCatalog';
