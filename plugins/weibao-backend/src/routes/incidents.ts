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
  incidentBackfillPermission,
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  obligationReadPermission,
  certificateReadPermission,
  certificateTotals,
  CertificateTotalsInput,
  upgradeReadPermission,
  drillReadPermission,
  IncidentAction,
  IncidentList,
  IncidentStatus,
  OPEN_INCIDENT_STATUSES,
  SystemHealth,
  SystemHealthDuty,
  notHospitalSystemReason,
} from '@weibao/plugin-weibao-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
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
import type {
  HealthStore,
  SectionFilter,
} from '../database/health/HealthStore';
import { certificateResourceRef } from '../permissions/certificateRules';
import { DateTime } from 'luxon';
import type { UpgradeService } from './UpgradeService';
import type {
  ObligationStore,
  StoredOccurrence,
} from '../database/obligations/ObligationStore';
import type { ObligationService } from '../services/obligations/ObligationService';
import { Caller, refOf, requestContext } from './requestContext';
import { spec } from '../schema/openapi';
import { IncidentService, parseInstant } from './IncidentService';
import { cleanTextBodies, nameUnknownFields, strictJson } from './textInput';

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
  /** The read model of the per-system health summary: every section in one round trip. */
  health: HealthStore;
  /** Upgrade plans and drills, for the per-system health summary. */
  upgrades?: {
    store: UpgradeStore;
    service: UpgradeService;
    obligations: ObligationStore;
    leadTimeMs: number;
  };
  /** Other resources' routes, registered on the same validated router. */
  mount?: Array<(router: WeibaoApiRouter) => void>;
  /** The catalog, to answer 404 for the health of a system it does not hold. */
  catalog?: CatalogService;
};

/** The validated router of the whole `/api/weibao` OpenAPI spec. */
export type WeibaoApiRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

const DEFAULT_PAGE = 50;
const RUNNING_CLOCKS_SHOWN = 20;
const OBLIGATIONS_SHOWN = 5;

/** The sections of a system's health summary, asked for in one permission call. */
const HEALTH_PERMISSIONS = [
  incidentReadPermission,
  obligationReadPermission,
  upgradeReadPermission,
  drillReadPermission,
  certificateReadPermission,
].map(permission => ({ permission }));

/** A section's read filter: null when denied, undefined when allowed, else its conditions. */
function filterOf(
  decision: PolicyDecision,
  transform: (c: PermissionCriteria<PermissionCondition>) => unknown,
): SectionFilter {
  if (decision.result === AuthorizeResult.DENY) return null;
  return decision.result === AuthorizeResult.CONDITIONAL
    ? (transform(decision.conditions) as PermissionCriteria<ColumnFilter>)
    : undefined;
}

/** Certificates of a CA system expiring within 60 days or expired (null without a register). */
function certificateHealth(
  batches: CertificateTotalsInput[] | null,
  now: number,
): SystemHealth['certificates'] {
  if (!batches?.length) return null;
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
    middleware: [strictJson()],
  });
  // every string of every body checked and cleaned, after the schema and before any handler
  nameUnknownFields(router);
  router.use(cleanTextBodies());

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
      meta: {
        systemRef: req.body.systemRef,
        level: req.body.level,
        reportedAt: req.body.reportedAt,
        ...(req.body.backfill ? { backfill: req.body.backfill } : {}),
      },
    });
    try {
      const credentials = await credentialsOf(req);
      await ctx.authorizeBasic(incidentCreatePermission, credentials);
      if (req.body.backfill) {
        await ctx
          .authorizeBasic(incidentBackfillPermission, credentials)
          .catch(() => {
            throw new NotAllowedError(
              `backfill: ${incidentBackfillPermission.name} denied; only Weibao administrators may back-fill a report older than the configured bound`,
            );
          });
      }
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
      ownerRefs: (q.ownerRef ?? []).map(ref => refOf('ownerRef', ref, 'group')),
      levels: q.level,
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
        credentials,
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
      await permissions.authorizeConditional(HEALTH_PERMISSIONS, {
        credentials,
      });
    if (incidentD.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`${incidentReadPermission.name} denied`);
    }
    const now = service.now();
    const systemRef = stringifyEntityRef({
      kind: 'component',
      namespace: req.params.namespace,
      name: req.params.name,
    });
    const { obligations, upgrades } = options;
    // the system from the catalog (404 when it holds none) beside the one database round trip
    // for every section, each with its own filter
    const [system, read] = await Promise.all([
      options.catalog?.getEntityByRef(systemRef, { credentials }),
      options.health.systemHealth(systemRef, now, {
        leadTimeMs: obligations?.service.leadTimeMs ?? 0,
        clocksShown: RUNNING_CLOCKS_SHOWN,
        obligationsShown: OBLIGATIONS_SHOWN,
        filters: {
          incidents: filterOf(incidentD, toFilter) ?? undefined,
          obligations: obligations
            ? filterOf(obligationD, toObligationFilter)
            : null,
          plans: upgrades ? filterOf(planD, toPlanFilter) : null,
          drills: upgrades ? filterOf(drillD, toDrillFilter) : null,
          certificates: filterOf(certificateD, toCertificateFilter),
        },
      }),
    ]);
    if (options.catalog) {
      if (!system) {
        throw new NotFoundError(
          `systemRef: ${systemRef} is not in the catalog`,
        );
      }
      const reason = notHospitalSystemReason(system);
      if (reason) throw new NotFoundError(`systemRef: ${reason}`);
    }
    const iso = (ms: number | null) =>
      ms === null ? null : new Date(ms).toISOString();
    const incidents = read.incidents;
    const nextPlan =
      read.plans?.next && upgrades!.service.view(read.plans.next);
    const lastDrill = read.lastDrill;
    const duty = (o: StoredOccurrence): SystemHealthDuty => {
      const view = obligations!.service.view(o, now);
      return {
        id: view.id,
        kind: view.kind,
        followUpKind: view.followUpKind,
        description: view.description,
        dueAt: view.dueAt,
        state: view.state,
      };
    };
    const body: SystemHealth = {
      systemRef,
      evaluatedAt: new Date(now).toISOString(),
      openIncidents: Object.values(incidents.openByLevel).reduce(
        (a, b) => a + b,
        0,
      ),
      openByLevel: incidents.openByLevel,
      levelNames: incidents.levelNames,
      awaitingConfirmation: incidents.awaitingConfirmation,
      atRisk: incidents.atRisk,
      breached: incidents.breached,
      runningClocks: incidents.runningClocks.map(c => ({
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
        overdue: read.obligations?.overdue ?? 0,
        dueSoon: read.obligations?.dueSoon ?? 0,
        next: (read.obligations?.next ?? []).map(duty),
        nextInspection: read.obligations?.nextInspection
          ? duty(read.obligations.nextInspection)
          : null,
        nextDrill: read.obligations?.nextDrill
          ? duty(read.obligations.nextDrill)
          : null,
      },
      upgrades: {
        inFlight: read.plans?.inFlight ?? 0,
        next: nextPlan
          ? {
              id: nextPlan.id,
              title: nextPlan.title,
              toVersion: nextPlan.toVersion,
              status: nextPlan.status,
              windowStart: nextPlan.window.start!,
              windowEnd: nextPlan.window.end!,
              missingGates: nextPlan.missingGates,
            }
          : null,
      },
      drills: {
        last: lastDrill
          ? {
              id: lastDrill.id,
              scenario: lastDrill.scenario,
              performedAt: lastDrill.performedAt,
              passed: lastDrill.passed,
              recoveryMinutes: lastDrill.recoveryMinutes,
              targetMinutes: lastDrill.targetMinutes,
            }
          : null,
        overdue: read.obligations?.overdueDrills ?? 0,
      },
      certificates: certificateHealth(read.certificates, now),
    };
    // written as the catalog writes an entity: serialized once, without express's ETag hashing
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  });

  for (const mount of options.mount ?? []) mount(router);
  return router;
}
