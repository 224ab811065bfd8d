import { InputError, NotAllowedError } from '@backstage/errors';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  ObligationBulkResult,
  obligationReadPermission,
  obligationUpdatePermission,
  OccurrenceState,
} from '@weibao/plugin-weibao-common';
import type {
  ObligationFilter,
  ObligationQuery,
  StoredOccurrence,
} from '../database/obligations/ObligationStore';
import { obligationResourceRef } from '../permissions/rules';
import type { WeibaoContext } from '../context';
import type { WeibaoApiRouter } from '../router';
import { parseInstant } from '../request';
import { refOf, requestContext, withAuditEvent } from '../request';

type ListQuery = {
  contractRef?: string;
  systemRef?: string;
  ownerRef?: string;
  obligationId?: string;
  followUp?: 'none' | 'report' | 'survey' | 'notice';
  scope?: 'system' | 'contract';
  kind?: string[];
  state?: OccurrenceState[];
  dueFrom?: string;
  dueTo?: string;
  limit?: number;
  cursor?: string;
  perState?: number;
};

/** A duty as the request names it, its refs in full. */
function normalGroup<
  G extends { contractRef: string; systemRef?: string | null },
>(group: G): G & { systemRef: string | null } {
  return {
    ...group,
    contractRef: refOf(
      'group.contractRef',
      group.contractRef,
      'maintenancecontract',
    ),
    systemRef: group.systemRef
      ? refOf('group.systemRef', group.systemRef, 'component')
      : null,
  };
}

/** The obligation routes, registered on the plugin's validated router. */
export function obligationRoutes(router: WeibaoApiRouter, ctx: WeibaoContext) {
  const { auditor } = ctx;
  const { service } = ctx.obligations;
  const ruleset = ctx.permissionsRegistry.getPermissionRuleset(
    obligationResourceRef,
  );
  const toFilter = createConditionTransformer(ruleset);
  const mayUpdate = createConditionAuthorizer(ruleset);
  const request = requestContext(ctx);

  /** Completing and waiving: authorised on the occurrence, audited, version-checked. */
  const change =
    <Req extends Parameters<typeof request.credentialsOf>[0], Res>(
      eventId: string,
      apply: (
        occurrence: StoredOccurrence,
        body: Req['body'],
        actor: string,
      ) => Promise<StoredOccurrence>,
    ) =>
    (req: Req, res: Res & { json(body: unknown): void }) =>
      withAuditEvent(
        auditor,
        req,
        {
          eventId,
          meta: { occurrenceId: req.params.id, version: req.body.version },
        },
        async () => {
          const credentials = await request.credentialsOf(req);
          const decision = await request.decide(
            obligationUpdatePermission,
            credentials,
          );
          const stored = await service.occurrence(req.params.id);
          const actor = await request.actorOf(credentials);
          if (!mayUpdate(decision, stored)) {
            throw new NotAllowedError(
              `weibao.obligation.update: ${actor} may not change obligations of ${stored.contractRef} (owned by ${stored.ownerRef})`,
            );
          }
          const updated = await apply(stored, req.body, actor);
          res.json(service.view(updated));
          return { version: updated.version };
        },
      );

  router.get('/obligations', async (req, res) => {
    const credentials = await request.credentialsOf(req);
    const permission = await request.filterFor<ObligationFilter>(
      obligationReadPermission,
      credentials,
      toFilter,
    );
    // validated against the spec before it gets here
    const q = req.query as unknown as ListQuery;
    const query: ObligationQuery = {
      contractRef:
        q.contractRef &&
        refOf('contractRef', q.contractRef, 'maintenancecontract'),
      systemRef: q.systemRef && refOf('systemRef', q.systemRef, 'component'),
      ownerRef: q.ownerRef && refOf('ownerRef', q.ownerRef, 'group'),
      obligationId: q.obligationId,
      followUp: q.followUp,
      scope: q.scope,
      kinds: q.kind,
      states: q.state,
      dueFrom: q.dueFrom
        ? parseInstant('dueFrom', q.dueFrom, Infinity)
        : undefined,
      dueTo: q.dueTo ? parseInstant('dueTo', q.dueTo, Infinity) : undefined,
      permission,
    };
    if (q.perState !== undefined) {
      for (const field of ['cursor', 'limit'] as const) {
        if (q[field] !== undefined) {
          throw new InputError(
            `${field}: not with perState, which pages each state on its own`,
          );
        }
      }
      res.json(await service.listPerState(query, q.state, q.perState));
      return;
    }
    res.json(
      await service.list(query, { limit: q.limit ?? 100, cursor: q.cursor }),
    );
  });

  router.get('/obligations/groups', async (req, res) => {
    const credentials = await request.credentialsOf(req);
    const permission = await request.filterFor<ObligationFilter>(
      obligationReadPermission,
      credentials,
      toFilter,
    );
    // validated against the spec before it gets here
    const q = req.query as unknown as ListQuery;
    res.json(
      await ctx.obligations.bulk.groups(
        {
          contractRef:
            q.contractRef &&
            refOf('contractRef', q.contractRef, 'maintenancecontract'),
          systemRef:
            q.systemRef && refOf('systemRef', q.systemRef, 'component'),
          ownerRef: q.ownerRef && refOf('ownerRef', q.ownerRef, 'group'),
          scope: q.scope,
          kinds: q.kind,
          permission,
        },
        q.limit ?? 200,
      ),
    );
  });

  /** Completing or waiving many: authorised on each occurrence, audited, all or nothing. */
  const bulk =
    <Req extends Parameters<typeof request.credentialsOf>[0], Res>(
      eventId: string,
      apply: (
        body: Req['body'],
        actor: string,
        mayChange: (o: StoredOccurrence) => boolean,
      ) => Promise<ObligationBulkResult>,
    ) =>
    (req: Req, res: Res & { json(body: unknown): void }) =>
      withAuditEvent(
        auditor,
        req,
        {
          eventId,
          meta: {
            occurrences: req.body.occurrences?.length ?? 0,
            group: req.body.group ?? null,
            groups: req.body.groups ?? null,
          },
        },
        async () => {
          const credentials = await request.credentialsOf(req);
          const decision = await request.decide(
            obligationUpdatePermission,
            credentials,
          );
          const actor = await request.actorOf(credentials);
          const result = await apply(req.body, actor, o =>
            mayUpdate(decision, o),
          );
          res.json(result);
          return { count: result.count, ids: result.items.map(o => o.id) };
        },
      );

  router.post(
    '/obligations/bulk-complete',
    bulk('obligation-bulk-complete', (body, actor, mayChange) => {
      const { occurrences, group, groups, ...evidence } = body;
      return ctx.obligations.bulk.complete(
        {
          occurrences,
          group: group && normalGroup(group),
          groups: groups?.map(normalGroup),
        },
        evidence,
        actor,
        mayChange,
      );
    }),
  );

  router.post(
    '/obligations/bulk-waive',
    bulk('obligation-bulk-waive', (body, actor, mayChange) =>
      ctx.obligations.bulk.waive(
        {
          occurrences: body.occurrences,
          group: body.group && normalGroup(body.group),
          groups: body.groups?.map(normalGroup),
        },
        body.reason,
        actor,
        mayChange,
      ),
    ),
  );

  router.get('/obligations/:id', async (req, res) => {
    const credentials = await request.credentialsOf(req);
    const permission = await request.filterFor<ObligationFilter>(
      obligationReadPermission,
      credentials,
      toFilter,
    );
    res.json(await service.detail(req.params.id, permission));
  });

  router.post(
    '/obligations/:id/complete',
    change('obligation-complete', (occurrence, { files, ...body }, actor) =>
      files?.length
        ? // the uploaded reports attached in the completion's transaction
          ctx.evidenceFiles.complete(
            occurrence,
            body.version,
            body,
            files,
            actor,
          )
        : service.complete(occurrence, body.version, body, actor),
    ),
  );

  router.post(
    '/obligations/:id/waive',
    change('obligation-waive', (occurrence, body, actor) =>
      service.waive(occurrence, body.version, body.reason, actor),
    ),
  );
}
