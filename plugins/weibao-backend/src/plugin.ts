import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  INCIDENT_RESOURCE_TYPE,
  certificatePermissions,
  DRILL_RESOURCE_TYPE,
  OBLIGATION_RESOURCE_TYPE,
  UPGRADE_PLAN_RESOURCE_TYPE,
  weibaoPermissions,
} from '@weibao/plugin-weibao-common';
import { DatabaseObligationStore } from './database/obligations/DatabaseObligationStore';
import { DatabaseUpgradeStore } from './database/DatabaseUpgradeStore';
import { DatabaseCertificateStore } from './database/certificates/DatabaseCertificateStore';
import { DatabaseHealthStore } from './database/health/DatabaseHealthStore';
import {
  certificatePermissionRules,
  certificateResourceRef,
} from './permissions/certificateRules';
import { UpgradeService } from './service/UpgradeService';
import { upgradeRoutes } from './service/upgradeRoutes';
import { readUpgradeConfig } from './service/upgradeConfig';
import { ObligationService } from './services/obligations/ObligationService';
import { obligationRoutes } from './service/obligationRoutes';
import { ObligationNotices } from './tasks/obligationNotices';
import { readCalendarOptions } from './calendar/calendarConfig';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import {
  incidentPermissionRules,
  incidentResourceRef,
  drillPermissionRules,
  drillResourceRef,
  obligationPermissionRules,
  obligationResourceRef,
  upgradePlanPermissionRules,
  upgradePlanResourceRef,
} from './permissions/rules';
import { IncidentService } from './service/IncidentService';
import { acceptanceRoutes } from './service/acceptanceRoutes';
import { DatabaseContractAcceptanceStore } from './database/ContractAcceptanceStore';
import { createRouter } from './service/router';
import {
  readClockConfig,
  readRecordTimeRules,
  readObligationConfig,
  scheduleClockTasks,
  scheduleObligationTasks,
} from './tasks/schedule';
import { ClockSweep } from './tasks/clockSweep';

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
  const { now } = options;
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
        async init(deps) {
          const { config, database, permissionsRegistry } = deps;
          const calendarOptions = readCalendarOptions(config);
          const clockConfig = readClockConfig(config);
          const obligationConfig = readObligationConfig(config);
          const store = await DatabaseIncidentStore.create({ database });
          const acceptances = new DatabaseContractAcceptanceStore(
            await database.getClient(),
          );
          const service = new IncidentService({
            acceptances,
            store,
            catalog: deps.catalog,
            calendarOptions,
            warningThresholds: clockConfig.warningThresholds,
            recordTime: readRecordTimeRules(config),
            now,
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

          const obligationStore = new DatabaseObligationStore(
            await database.getClient(),
          );
          const obligations = new ObligationService({
            store: obligationStore,
            catalog: deps.catalog,
            auth: deps.auth,
            logger: deps.logger,
            calendarOptions,
            leadTimeMs: obligationConfig.leadTimeMs,
            now,
          });
          permissionsRegistry.addResourceType({
            resourceRef: obligationResourceRef,
            permissions: weibaoPermissions.filter(
              p =>
                'resourceType' in p &&
                p.resourceType === OBLIGATION_RESOURCE_TYPE,
            ),
            rules: Object.values(obligationPermissionRules),
            getResources: async ids =>
              Promise.all(ids.map(async id => await obligationStore.get(id))),
          });
          await scheduleObligationTasks({
            scheduler: deps.scheduler,
            config: obligationConfig,
            service: obligations,
            notices: new ObligationNotices({
              store: obligationStore,
              service: obligations,
              notifications: deps.notifications,
              logger: deps.logger,
            }),
          });

          const upgradeStore = new DatabaseUpgradeStore(
            await database.getClient(),
          );
          const upgrades = new UpgradeService({
            store: upgradeStore,
            catalog: deps.catalog,
            obligations: { store: obligationStore, service: obligations },
            calendarOptions,
            ...readUpgradeConfig(config),
            now,
          });
          const permissionsOf = (resourceType: string) =>
            weibaoPermissions.filter(
              p => 'resourceType' in p && p.resourceType === resourceType,
            );
          permissionsRegistry.addResourceType({
            resourceRef: upgradePlanResourceRef,
            permissions: permissionsOf(UPGRADE_PLAN_RESOURCE_TYPE),
            rules: Object.values(upgradePlanPermissionRules),
            getResources: ids =>
              Promise.all(
                ids.map(async id => (await upgradeStore.getPlan(id))?.state),
              ),
          });
          permissionsRegistry.addResourceType({
            resourceRef: drillResourceRef,
            permissions: permissionsOf(DRILL_RESOURCE_TYPE),
            rules: Object.values(drillPermissionRules),
            getResources: ids =>
              Promise.all(ids.map(id => upgradeStore.getDrill(id))),
          });

          const certificateStore = await DatabaseCertificateStore.create({
            database,
          });
          permissionsRegistry.addResourceType({
            resourceRef: certificateResourceRef,
            permissions: certificatePermissions,
            rules: Object.values(certificatePermissionRules),
            getResources: ids =>
              Promise.all(ids.map(id => certificateStore.get(id))),
          });

          deps.httpRouter.use(
            await createRouter({
              ...deps,
              calendarOptions,
              service,
              store,
              obligations: { store: obligationStore, service: obligations },
              upgrades: {
                store: upgradeStore,
                service: upgrades,
                obligations: obligationStore,
                leadTimeMs: obligationConfig.leadTimeMs,
              },
              certificates: { ...deps, store: certificateStore, now },
              health: new DatabaseHealthStore(await database.getClient()),
              mount: [
                acceptanceRoutes({
                  ...deps,
                  store: acceptances,
                  now: service.now,
                }),
                upgradeRoutes({
                  ...deps,
                  service: upgrades,
                  store: upgradeStore,
                }),
                obligationRoutes({
                  ...deps,
                  service: obligations,
                  store: obligationStore,
                }),
              ],
            }),
          );
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
