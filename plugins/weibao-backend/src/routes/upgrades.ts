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
import type { ColumnFilter } from '../database/permissionFilter';
import {
  drillResourceRef,
  obligationResourceRef,
  upgradePlanResourceRef,
} from '../permissions/rules';
import type { WeibaoContext } from '../context';
import type { WeibaoApiRouter } from '../router';
import { refOf, requestContext, withAuditEvent } from '../request';

/** Upgrade plan and drill routes, registered on the plugin's validated router. */
export function upgradeRoutes(router: WeibaoApiRouter, ctx: WeibaoContext) {
  const { auditor, permissions } = ctx;
  const { service, store } = ctx.upgrades;
  const planRules = ctx.permissionsRegistry.getPermissionRuleset(
    upgradePlanResourceRef,
  );
  const toPlanFilter = createConditionTransformer(planRules);
  const mayUpdate = createConditionAuthorizer(planRules);
  const mayCompleteOccurrence = createConditionAuthorizer(
    ctx.permissionsRegistry.getPermissionRuleset(obligationResourceRef),
  );
  const toDrillFilter = createConditionTransformer(
    ctx.permissionsRegistry.getPermissionRuleset(drillResourceRef),
  );
  const request = requestContext(ctx);

  /** A mutation wrapped in an auditor event. */
  const audited =
    <Req extends Parameters<typeof request.credentialsOf>[0], Res>(
      eventId: string,
      handle: (req: Req, res: Res) => Promise<Record<string, unknown>>,
    ) =>
    (req: Req, res: Res) =>
      withAuditEvent(
        auditor,
        req,
        { eventId, meta: { id: req.params.id, type: req.body?.type } },
        () => handle(req, res),
      );

  router.post(
    '/upgrade-plans',
    audited('upgrade-plan', async (req, res) => {
      const credentials = await request.credentialsOf(req);
      await request.authorizeBasic(upgradeCreatePermission, credentials);
      const stored = await service.plan(
        req.body,
        await request.actorOf(credentials),
        credentials,
      );
      res.status(201).json(service.view(stored));
      return { planId: stored.state.id };
    }),
  );

  router.get('/upgrade-plans', async (req, res) => {
    const credentials = await request.credentialsOf(req);
    const permission = await request.filterFor<ColumnFilter>(
      upgradeReadPermission,
      credentials,
      toPlanFilter,
    );
    const q = req.query;
    const page = await store.listPlans(
      {
        systemRef: q.systemRef && refOf('systemRef', q.systemRef, 'component'),
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
    const credentials = await request.credentialsOf(req);
    const permission = await request.filterFor<ColumnFilter>(
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
      const credentials = await request.credentialsOf(req);
      const decision = await request.decide(
        upgradeUpdatePermission,
        credentials,
      );
      const stored = await service.act(
        req.params.id,
        req.body,
        await request.actorOf(credentials),
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
      const credentials = await request.credentialsOf(req);
      await request.authorizeBasic(drillCreatePermission, credentials);
      const actor = await request.actorOf(credentials);
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
    const credentials = await request.credentialsOf(req);
    const permission = await request.filterFor<ColumnFilter>(
      drillReadPermission,
      credentials,
      toDrillFilter,
    );
    const q = req.query;
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
    const credentials = await request.credentialsOf(req);
    const permission = await request.filterFor<ColumnFilter>(
      drillReadPermission,
      credentials,
      toDrillFilter,
    );
    const drill = await store.getDrill(req.params.id, permission);
    if (!drill) throw new NotFoundError(`no drill ${req.params.id}`);
    res.json(drill);
  });
}
