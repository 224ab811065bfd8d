import {
  AuditorService,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCondition,
  PolicyDecision,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  obligationReadPermission,
  certificateReadPermission,
  certificateTotals,
  upgradeReadPermission,
  drillReadPermission,
  IncidentAction,
  IncidentList,
  IncidentStatus,
  OPEN_INCIDENT_STATUSES,
  SystemHealth,
} from '@weibao/plugin-weibao-common';
import express from 'express';
import type {
  IncidentFilter,
  IncidentQuery,
  IncidentStore,
} from '../database/IncidentStore';
import {
  drillResourceRef,
  incidentResourceRef,
  obligationResourceRef,
  upgradePlanResourceRef,
} from '../permissions/rules';
import type { ColumnFilter } from '../database/permissionFilter';
import type { UpgradeStore } from '../database/UpgradeStore';
import type { CertificateStore } from '../database/CertificateStore';
import { certificateResourceRef } from '../permissions/certificateRules';
import { DateTime } from 'luxon';
import type { UpgradeService } from './UpgradeService';
import type { ObligationStore } from '../database/ObligationStore';
import type { ObligationService } from './ObligationService';
import { Caller, refOf, requestContext } from './requestContext';
import { spec } from '../schema/openapi';
import { IncidentService, parseInstant } from './IncidentService';

export type IncidentRouterOptions = {
  service: IncidentService;
  store: IncidentStore;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  /** Obligations, for the per-system health summary. */
  obligations?: { store: ObligationStore; service: ObligationService };
  /** CA certificate registers, for the per-system health summary. */
  certificateStore?: CertificateStore;
  /** Upgrade plans and drills, for the per-system health summary. */
  upgrades?: {
    store: UpgradeStore;
    service: UpgradeService;
    obligations: ObligationStore;
    leadTimeMs: number;
  };
  /** Other resources' routes, registered on the same validated router. */
  mount?: Array<(router: WeibaoApiRouter) => void>;
};

/** The validated router of the whole `/api/weibao` OpenAPI spec. */
export type WeibaoApiRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

const DEFAULT_PAGE = 50;
const RUNNING_CLOCKS_SHOWN = 20;

/** The incident routes, validated against the OpenAPI spec before any handler runs. */
export function incidentRouter(options: IncidentRouterOptions): express.Router {
  const { service, store, httpAuth, userInfo, permissions, auditor } = options;
  const toFilter = createConditionTransformer(
    options.permissionsRegistry.getPermissionRuleset(incidentResourceRef),
  );
  const mayUpdate = createConditionAuthorizer(
    options.permissionsRegistry.getPermissionRuleset(incidentResourceRef),
  );
  // 'full' formats: the default 'fast' ones take 2026-02-30 for a date-time
  const ctx = requestContext(httpAuth, userInfo, permissions);
  const toObligationFilter = createConditionTransformer(
    options.permissionsRegistry.getPermissionRuleset(obligationResourceRef),
  );
  const toPlanFilter = createConditionTransformer(
    options.permissionsRegistry.getPermissionRuleset(upgradePlanResourceRef),
  );
  const toDrillFilter = createConditionTransformer(
    options.permissionsRegistry.getPermissionRuleset(drillResourceRef),
  );
  const toCertificateFilter = createConditionTransformer(
    options.permissionsRegistry.getPermissionRuleset(certificateResourceRef),
  );
  const router = createValidatedOpenApiRouter(spec, {
    validatorOptions: { ajvFormats: { mode: 'full' } },
  });

  const { credentialsOf, actorOf } = ctx;

  /** ALLOW: no restriction; CONDITIONAL: a filter applied in SQL; DENY: 403. */
  const authorizeIncidents = (
    permission: ResourcePermission,
    credentials: Caller,
  ) => ctx.filterFor<IncidentFilter>(permission, credentials, toFilter);

  router.post('/incidents', async (req, res) => {
    const event = await auditor.createEvent({
      eventId: 'incident-report',
      severityLevel: 'medium',
      request: req,
      meta: { systemRef: req.body.systemRef, level: req.body.level },
    });
    try {
      const credentials = await credentialsOf(req);
      await ctx.authorizeBasic(incidentCreatePermission, credentials);
      const stored = await service.report(
        req.body,
        await actorOf(credentials),
        credentials,
      );
      await event.success({ meta: { incidentId: stored.state.id } });
      res.status(201).json(await service.detail(stored));
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/incidents', async (req, res) => {
    const credentials = await credentialsOf(req);
    const permission = await authorizeIncidents(
      incidentReadPermission,
      credentials,
    );
    const now = service.now();
    const q = req.query;
    const statuses = (q.status ?? []).flatMap(s =>
      s === 'open' ? [...OPEN_INCIDENT_STATUSES] : [s as IncidentStatus],
    );
    const query: IncidentQuery = {
      systemRef: q.systemRef && refOf('systemRef', q.systemRef, 'component'),
      hospitalRef:
        q.hospitalRef && refOf('hospitalRef', q.hospitalRef, 'system'),
      ownerRef: q.ownerRef && refOf('ownerRef', q.ownerRef, 'group'),
      level: q.level,
      statuses,
      breached: q.breached,
      atRisk: q.atRisk,
      reportedFrom: q.reportedFrom
        ? parseInstant('reportedFrom', q.reportedFrom, Infinity)
        : undefined,
      reportedTo: q.reportedTo
        ? parseInstant('reportedTo', q.reportedTo, Infinity)
        : undefined,
      text: q.q,
      permission,
    };
    const page = await store.list(
      query,
      { limit: q.limit ?? DEFAULT_PAGE, cursor: q.cursor },
      now,
    );
    const body: IncidentList = {
      items: page.items.map(i => service.view(i, now)),
      totalCount: page.totalCount,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
    res.json(body);
  });

  router.get('/incidents/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const permission = await authorizeIncidents(
      incidentReadPermission,
      credentials,
    );
    const stored = await store.get(req.params.id, permission);
    if (!stored) throw new NotFoundError(`no incident ${req.params.id}`);
    res.json(await service.detail(stored));
  });

  router.post('/incidents/:id/actions', async (req, res) => {
    const { version, at, ...action } = req.body;
    const event = await auditor.createEvent({
      eventId: 'incident-action',
      severityLevel: 'medium',
      request: req,
      meta: { incidentId: req.params.id, action: action.type, version },
    });
    try {
      const credentials = await credentialsOf(req);
      const [decision] = await permissions.authorizeConditional(
        [{ permission: incidentUpdatePermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.DENY) {
        throw new NotAllowedError(`${incidentUpdatePermission.name} denied`);
      }
      const stored = await service.act(
        req.params.id,
        version,
        action as IncidentAction,
        at,
        await actorOf(credentials),
        incident => mayUpdate(decision, incident),
      );
      await event.success({ meta: { version: stored.state.version } });
      res.json(await service.detail(stored));
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/systems/:namespace/:name/health', async (req, res) => {
    const credentials = await credentialsOf(req);
    // one permission round trip for every section of the summary
    const [incidentD, obligationD, planD, drillD, certificateD] =
      await permissions.authorizeConditional(
        [
          incidentReadPermission,
          obligationReadPermission,
          upgradeReadPermission,
          drillReadPermission,
          certificateReadPermission,
        ].map(permission => ({ permission })),
        { credentials },
      );
    if (incidentD.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`${incidentReadPermission.name} denied`);
    }
    const filterOf = (
      decision: PolicyDecision,
      transform: (c: PermissionCriteria<PermissionCondition>) => unknown,
    ) =>
      decision.result === AuthorizeResult.CONDITIONAL
        ? (transform(decision.conditions) as PermissionCriteria<ColumnFilter>)
        : undefined;
    const permission = filterOf(incidentD, toFilter);
    const now = service.now();
    const systemRef = stringifyEntityRef({
      kind: 'component',
      namespace: req.params.namespace,
      name: req.params.name,
    });
    const upgrades = options.upgrades;
    const noObligations = {
      overdue: 0,
      dueSoon: 0,
      overdueDrills: 0,
      next: [],
    };
    const [rows, obligations, upgradeSummary, certificates] = await Promise.all(
      [
        store.systemHealth(systemRef, now, permission),
        options.obligations && obligationD.result !== AuthorizeResult.DENY
          ? options.obligations.store.systemSummary(
              systemRef,
              now,
              options.obligations.service.leadTimeMs,
              filterOf(obligationD, toObligationFilter),
            )
          : noObligations,
        upgrades
          ? upgradeHealth(upgrades, systemRef, [
              planD.result === AuthorizeResult.DENY
                ? null
                : filterOf(planD, toPlanFilter),
              drillD.result === AuthorizeResult.DENY
                ? null
                : filterOf(drillD, toDrillFilter),
            ])
          : null,
        certificateD.result === AuthorizeResult.DENY
          ? null
          : certificateHealth(
              systemRef,
              now,
              filterOf(certificateD, toCertificateFilter),
            ),
      ],
    );
    const iso = (ms: number | null) =>
      ms === null ? null : new Date(ms).toISOString();
    const body: SystemHealth = {
      systemRef,
      evaluatedAt: new Date(now).toISOString(),
      openIncidents: Object.values(rows.openByLevel).reduce((a, b) => a + b, 0),
      openByLevel: rows.openByLevel,
      awaitingConfirmation: rows.awaitingConfirmation,
      atRisk: rows.atRisk,
      breached: rows.breached,
      runningClocks: rows.runningClocks
        .slice(0, RUNNING_CLOCKS_SHOWN)
        .map(c => ({
          incidentId: c.incidentId,
          title: c.title,
          level: c.level,
          milestone: c.milestone,
          dueAt: iso(c.dueAt),
          status: c.status,
          atRisk:
            c.status === 'running' && c.atRiskAt !== null && c.atRiskAt <= now,
        })),
      obligations: {
        overdue: obligations.overdue,
        dueSoon: obligations.dueSoon,
        next: obligations.next.map(o => {
          const view = options.obligations!.service.view(o, now);
          return {
            id: view.id,
            kind: view.kind,
            followUpKind: view.followUpKind,
            description: view.description,
            dueAt: view.dueAt,
            state: view.state,
          };
        }),
      },
      upgrades: upgradeSummary?.upgrades ?? { inFlight: 0, next: null },
      drills: {
        last: upgradeSummary?.drills.last ?? null,
        overdue: obligations.overdueDrills,
      },
      certificates,
    };
    res.json(body);
  });

  /** Certificates of a CA system expiring within 60 days or expired (null for other systems). */
  async function certificateHealth(
    systemRef: string,
    now: number,
    filter: PermissionCriteria<ColumnFilter> | undefined,
  ): Promise<SystemHealth['certificates']> {
    if (!options.certificateStore) return null;
    const batches = await options.certificateStore.list(
      systemRef,
      filter as any,
    );
    if (!batches.length) return null;
    const today = DateTime.fromMillis(now, {
      zone: 'Asia/Shanghai',
    }).toISODate()!;
    const totals = certificateTotals(
      batches,
      { personalCertificates: 0, usbKeys: 0, electronicSeals: 0 },
      today,
    );
    const soonest = totals.expiringSoon[0];
    return {
      expiringSoon: totals.expiringSoon.reduce((n, b) => n + b.count, 0),
      expired: totals.expired.reduce((n, b) => n + b.count, 0),
      nextExpiry: soonest ? soonest.expiresOn : null,
    };
  }

  /** Next upgrade window with its missing gates, and the last drill (null: not allowed to read). */
  async function upgradeHealth(
    upgrades: NonNullable<IncidentRouterOptions['upgrades']>,
    systemRef: string,
    [planFilter, drillFilter]: Array<
      PermissionCriteria<ColumnFilter> | undefined | null
    >,
  ): Promise<Pick<SystemHealth, 'upgrades' | 'drills'>> {
    const summary = await upgrades.store.systemSummary(systemRef, {
      plans: planFilter,
      drills: drillFilter,
    });
    const next = summary.plans[0] && upgrades.service.view(summary.plans[0]);
    const last = summary.lastDrill;
    return {
      upgrades: {
        inFlight: summary.plans.length,
        next: next
          ? {
              id: next.id,
              title: next.title,
              toVersion: next.toVersion,
              status: next.status,
              windowStart: next.window.start!,
              windowEnd: next.window.end!,
              missingGates: next.missingGates,
            }
          : null,
      },
      drills: {
        overdue: 0,
        last: last
          ? {
              id: last.id,
              scenario: last.scenario,
              performedAt: last.performedAt,
              passed: last.passed,
              recoveryMinutes: last.recoveryMinutes,
              targetMinutes: last.targetMinutes,
            }
          : null,
      },
    };
  }

  for (const mount of options.mount ?? []) mount(router);
  return router;
}
