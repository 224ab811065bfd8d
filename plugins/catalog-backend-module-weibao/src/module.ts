import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
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
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new WeibaoEntityProcessor());
      },
    });
  },
});
