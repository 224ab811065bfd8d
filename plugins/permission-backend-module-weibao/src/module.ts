import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { WeibaoPermissionPolicy } from './WeibaoPermissionPolicy';

/**
 * Installs {@link WeibaoPermissionPolicy} as the permission backend's policy.
 *
 * @public
 */
export const permissionModuleWeibaoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'weibao-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(WeibaoPermissionPolicy.fromConfig(config));
      },
    });
  },
});
