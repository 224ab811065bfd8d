/**
 * Weibao (维保): types, catalog vocabulary, permissions and the pure domain core shared by
 * the Weibao frontend and backend plugins. No I/O lives here.
 *
 * @packageDocumentation
 */

export * from './catalog';
export * from './contract';
export * from './calendar';
export * from './sla';
export * from './api';
export * from './incident';
export * from './certificate';
export * from './obligation';
export * from './upgrade';
export * from './permissions';
export * from './portal';
export * from './text';
export * from './rules';
