import {
  AuditorService,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  drillCreatePermission,
  drillReadPermission,
  obligationUpdatePermission,
  upgradeCreatePermission,
  upgradeReadPermission,
  upgradeUpdatePermission,
  UpgradeStatus,
} from '@weibao/plugin-weibao-common';
import express from 'express';
import type { ColumnFilter } from '../database/permissionFilter';
import type { UpgradeStore } from '../database/upgrades/UpgradeStore';
import {
  drillResourceRef,
  obligationResourceRef,
  upgradePlanResourceRef,
} from '../permissions/rules';
import type { WeibaoApiRouter } from './incidentRouter';
import { refOf, requestContext } from './requestContext';
import type { UpgradeService } from './UpgradeService';

export type UpgradeRoutesOptions = {
  service: UpgradeService;
  store: UpgradeStore;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
};

/** Upgrade plan and drill routes, registered on the plugin's validated router. */
export function upgradeRoutes(options: UpgradeRoutesOptions) {
  const { service, store, auditor, permissions } = options;
  const planRules = options.permissionsRegistry.getPermissionRuleset(
    upgradePlanResourceRef,
  );
  const toPlanFilter = createConditionTransformer(planRules);
  const mayUpdate = createConditionAuthorizer(planRules);
  const mayCompleteOccurrence = createConditionAuthorizer(
    options.permissionsRegistry.getPermissionRuleset(obligationResourceRef),
  );
  const toDrillFilter = createConditionTransformer(
    options.permissionsRegistry.getPermissionRuleset(drillResourceRef),
  );
  const ctx = requestContext(options.httpAuth, options.userInfo, permissions);

  /** A mutation wrapped in an auditor event. */
  const audited =
    (
      eventId: string,
      handle: (
        req: express.Request<any, any, any, any>,
        res: express.Response,
      ) => Promise<object>,
    ) =>
    async (req: express.Request<any, any, any, any>, res: express.Response) => {
      const event = await auditor.createEvent({
        eventId,
        severityLevel: 'medium',
        request: req,
        meta: { id: req.params.id, type: req.body?.type },
      });
      try {
        const result = await handle(req, res);
        await event.success({ meta: result });
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    };

  return (router: WeibaoApiRouter) => {
    router.post(
      '/upgrade-plans',
      audited('upgrade-plan', async (req, res) => {
        const credentials = await ctx.credentialsOf(req);
        await ctx.authorizeBasic(upgradeCreatePermission, credentials);
        const stored = await service.plan(
          req.body,
          await ctx.actorOf(credentials),
          credentials,
        );
        res.status(201).json(service.view(stored));
        return { planId: stored.state.id };
      }),
    );

    router.get('/upgrade-plans', async (req, res) => {
      const credentials = await ctx.credentialsOf(req);
      const permission = await ctx.filterFor<ColumnFilter>(
        upgradeReadPermission,
        credentials,
        toPlanFilter,
      );
      const q = req.query as any;
      const page = await store.listPlans(
        {
          systemRef:
            q.systemRef && refOf('systemRef', q.systemRef, 'component'),
          hospitalRef:
            q.hospitalRef && refOf('hospitalRef', q.hospitalRef, 'system'),
          ownerRef: q.ownerRef && refOf('ownerRef', q.ownerRef, 'group'),
          statuses: q.status as UpgradeStatus[] | undefined,
          permission,
        },
        q.limit ?? 50,
      );
      res.json({
        items: page.items.map(p => service.view(p)),
        totalCount: page.totalCount,
      });
    });

    router.get('/upgrade-plans/:id', async (req, res) => {
      const credentials = await ctx.credentialsOf(req);
      const permission = await ctx.filterFor<ColumnFilter>(
        upgradeReadPermission,
        credentials,
        toPlanFilter,
      );
      const stored = await store.getPlan(req.params.id, permission);
      if (!stored) throw new NotFoundError(`no upgrade plan ${req.params.id}`);
      const [history, drills] = await Promise.all([
        store.planHistory(req.params.id),
        store.listDrills({ upgradePlanId: req.params.id }, 20),
      ]);
      res.json({ ...service.view(stored), history, drills: drills.items });
    });

    router.post(
      '/upgrade-plans/:id/actions',
      audited('upgrade-plan-action', async (req, res) => {
        const credentials = await ctx.credentialsOf(req);
        const decision = await ctx.decide(upgradeUpdatePermission, credentials);
        const stored = await service.act(
          req.params.id,
          req.body,
          await ctx.actorOf(credentials),
          credentials,
          plan => mayUpdate(decision, plan),
        );
        res.json(service.view(stored));
        return { version: stored.state.version, status: stored.state.status };
      }),
    );

    router.post(
      '/drills',
      audited('drill-record', async (req, res) => {
        const credentials = await ctx.credentialsOf(req);
        await ctx.authorizeBasic(drillCreatePermission, credentials);
        const actor = await ctx.actorOf(credentials);
        /** A decision on a resource the drill writes to, as a 403 naming the field. */
        const check = async <T>(
          field: string,
          permission: ResourcePermission,
          allows: (decision: PolicyDecision, resource: T) => boolean,
          resource: T,
          what: string,
        ) => {
          const [decision] = await permissions.authorizeConditional(
            [{ permission }],
            { credentials },
          );
          if (!allows(decision, resource)) {
            throw new NotAllowedError(
              `${field}: ${permission.name} denied: ${actor} may not change ${what}`,
            );
          }
        };
        const drill = await service.recordDrill(req.body, actor, credentials, {
          updatePlan: plan =>
            check(
              'upgradePlanId',
              upgradeUpdatePermission,
              mayUpdate,
              plan,
              `the upgrade plan ${plan.id} of ${plan.systemRef} (owned by ${plan.ownerRef})`,
            ),
          completeOccurrence: occurrence =>
            check(
              'occurrenceId',
              obligationUpdatePermission,
              mayCompleteOccurrence,
              occurrence,
              `the obligations of ${occurrence.contractRef} (owned by ${occurrence.ownerRef})`,
            ),
        });
        res.status(201).json(drill);
        return { drillId: drill.id, passed: drill.passed };
      }),
    );

    router.get('/drills', async (req, res) => {
      const credentials = await ctx.credentialsOf(req);
      const permission = await ctx.filterFor<ColumnFilter>(
        drillReadPermission,
        credentials,
        toDrillFilter,
      );
      const q = req.query as any;
      res.json(
        await store.listDrills(
          {
            systemRef:
              q.systemRef && refOf('systemRef', q.systemRef, 'component'),
            upgradePlanId: q.upgradePlanId,
            permission,
          },
          q.limit ?? 50,
        ),
      );
    });

    router.get('/drills/:id', async (req, res) => {
      const credentials = await ctx.credentialsOf(req);
      const permission = await ctx.filterFor<ColumnFilter>(
        drillReadPermission,
        credentials,
        toDrillFilter,
      );
      const drill = await store.getDrill(req.params.id, permission);
      if (!drill) throw new NotFoundError(`no drill ${req.params.id}`);
      res.json(drill);
    });
  };
}
