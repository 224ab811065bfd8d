/**
 * The weibao backend module for the catalog plugin.
 *
 * @packageDocumentation
 */

export { catalogModuleWeibao as default } from './module';
