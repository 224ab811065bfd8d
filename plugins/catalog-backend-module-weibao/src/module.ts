import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { WeibaoEntityProcessor } from './WeibaoEntityProcessor';

/**
 * Teaches the catalog Weibao's model: hospital systems and their maintenance contracts.
 *
 * @public
 */
export const catalogModuleWeibao = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'weibao',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ processing, catalog, auth }) {
        processing.addProcessor(new WeibaoEntityProcessor({ catalog, auth }));
      },
    });
  },
});
