import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  INCIDENT_RESOURCE_TYPE,
  weibaoPermissions,
} from '@weibao/plugin-weibao-common';
import { readCalendarOptions } from './calendar/calendarConfig';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import {
  incidentPermissionRules,
  incidentResourceRef,
} from './permissions/incidentRules';
import { IncidentService } from './service/IncidentService';
import { createRouter } from './service/router';
import { readClockConfig, scheduleClockTasks } from './tasks/schedule';
import { ClockSweep } from './tasks/clockSweep';

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
        auditor: coreServices.auditor,
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
      async init(deps) {
        const { config, database, permissionsRegistry } = deps;
        const calendarOptions = readCalendarOptions(config);
        const clockConfig = readClockConfig(config);
        const store = await DatabaseIncidentStore.create({ database });
        const service = new IncidentService({
          store,
          catalog: deps.catalog,
          calendarOptions,
          warningThresholds: clockConfig.warningThresholds,
        });

        permissionsRegistry.addResourceType({
          resourceRef: incidentResourceRef,
          permissions: weibaoPermissions.filter(
            p =>
              !('resourceType' in p) ||
              p.resourceType === INCIDENT_RESOURCE_TYPE,
          ),
          rules: Object.values(incidentPermissionRules),
          getResources: async ids =>
            Promise.all(ids.map(async id => (await store.get(id))?.state)),
        });

        await scheduleClockTasks({
          scheduler: deps.scheduler,
          config: clockConfig,
          sweep: new ClockSweep({
            store,
            service,
            notifications: deps.notifications,
            logger: deps.logger,
          }),
        });

        deps.httpRouter.use(
          await createRouter({ ...deps, calendarOptions, service, store }),
        );
      },
    });
  },
});
