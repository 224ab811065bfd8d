import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readWeibaoConfig } from './config';
import { createWeibaoContext } from './context';
import { registerPermissions } from './permissions/register';
import { createRouter } from './router';
import { ClockSweep } from './tasks/clockSweep';
import { ObligationNotices } from './tasks/obligationNotices';
import { scheduleClockTasks, scheduleObligationTasks } from './tasks/schedule';

/** What tests may replace in the plugin. */
export type WeibaoPluginOptions = {
  /** The current instant (epoch ms) every service and route goes by; Date.now by default. */
  now?: () => number;
};

/**
 * The Weibao backend plugin with its clock injectable, for tests that move time.
 *
 * @internal
 */
export function createWeibaoPlugin(options: WeibaoPluginOptions = {}) {
  return createBackendPlugin({
    pluginId: 'weibao',
    register(env) {
      env.registerInit({
        deps: {
          auditor: coreServices.auditor,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
          config: coreServices.rootConfig,
          database: coreServices.database,
          httpAuth: coreServices.httpAuth,
          httpRouter: coreServices.httpRouter,
          logger: coreServices.logger,
          notifications: notificationService,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          scheduler: coreServices.scheduler,
          userInfo: coreServices.userInfo,
        },
        async init({ config, httpRouter, notifications, scheduler, ...deps }) {
          const weibaoConfig = readWeibaoConfig(config);
          const ctx = await createWeibaoContext({
            ...deps,
            config: weibaoConfig,
            now: options.now,
          });
          registerPermissions(ctx.permissionsRegistry, {
            incidents: ctx.incidents.store,
            obligations: ctx.obligations.store,
            upgrades: ctx.upgrades.store,
            certificates: ctx.certificates.store,
          });
          await scheduleClockTasks({
            scheduler,
            config: weibaoConfig.clocks,
            sweep: new ClockSweep({
              ...ctx.incidents,
              notifications,
              logger: ctx.logger,
            }),
          });
          await scheduleObligationTasks({
            scheduler,
            config: weibaoConfig.obligations,
            service: ctx.obligations.service,
            notices: new ObligationNotices({
              ...ctx.obligations,
              notifications,
              logger: ctx.logger,
            }),
          });
          httpRouter.use(await createRouter(ctx));
        },
      });
    },
  });
}

/**
 * Weibao (维保) backend plugin: serves `/api/weibao`.
 *
 * @public
 */
export const weibaoPlugin = createWeibaoPlugin();
