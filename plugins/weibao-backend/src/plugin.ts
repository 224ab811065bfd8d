import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRouter } from './service/router';

/**
 * Weibao (维保) backend plugin: serves `/api/weibao`.
 *
 * @public
 */
export const weibaoPlugin = createBackendPlugin({
  pluginId: 'weibao',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init({ httpAuth, httpRouter, catalog }) {
        httpRouter.use(await createRouter({ httpAuth, catalog }));
      },
    });
  },
});
