import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readCalendarOptions } from './calendar/calendarConfig';
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
        config: coreServices.rootConfig,
      },
      async init({ httpAuth, httpRouter, catalog, config }) {
        const calendarOptions = readCalendarOptions(config);
        httpRouter.use(
          await createRouter({ httpAuth, catalog, calendarOptions }),
        );
      },
    });
  },
});
