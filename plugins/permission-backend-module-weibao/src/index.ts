/**
 * Weibao's permission policy as a module of the permission backend.
 *
 * @packageDocumentation
 */

export { permissionModuleWeibaoPolicy as default } from './module';
export { WeibaoPermissionPolicy } from './WeibaoPermissionPolicy';
