import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
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
  IncidentAction,
  IncidentList,
  IncidentStatus,
  OPEN_INCIDENT_STATUSES,
} from '@weibao/plugin-weibao-common';
import type { WeibaoContext } from '../context';
import type {
  IncidentFilter,
  IncidentQuery,
} from '../database/incidents/IncidentStore';
import { incidentResourceRef } from '../permissions/rules';
import { Caller, parseInstant, refOf, requestContext } from '../request';
import type { WeibaoApiRouter } from '../router';

const DEFAULT_PAGE = 50;

/**
 * `/incidents`: reporting, listing, reading and acting on incidents. Reads are filtered in SQL
 * by the caller's conditional decision; every change is authorised on the incident and audited.
 */
export function incidentRoutes(router: WeibaoApiRouter, ctx: WeibaoContext) {
  const { auditor, permissions } = ctx;
  const { service, store } = ctx.incidents;
  const ruleset =
    ctx.permissionsRegistry.getPermissionRuleset(incidentResourceRef);
  const toFilter = createConditionTransformer(ruleset);
  const mayUpdate = createConditionAuthorizer(ruleset);
  const request = requestContext(ctx);
  const { credentialsOf, actorOf } = request;

  /** ALLOW: no restriction; CONDITIONAL: a filter applied in SQL; DENY: 403. */
  const authorizeIncidents = (
    permission: ResourcePermission,
    credentials: Caller,
  ) => request.filterFor<IncidentFilter>(permission, credentials, toFilter);

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
      await request.authorizeBasic(incidentCreatePermission, credentials);
      if (req.body.backfill) {
        await request
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
}
