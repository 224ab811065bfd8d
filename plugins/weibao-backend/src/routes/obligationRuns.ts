import { obligationRunRecordPermission } from '@weibao/plugin-weibao-common';
import type { WeibaoContext } from '../context';
import type { WeibaoApiRouter } from '../router';
import { requestContext, withAuditEvent } from '../request';
import type { RunReport } from '../services/obligations/ObligationRunService';

/**
 * `POST /obligations/runs`: a machine at the hospital (a backup job, a vulnerability scanner, a
 * monitoring system) records a duty as done with a service credential scoped to
 * `weibao.obligation.run.record`. 201 the first time, 200 with the same completion when the same
 * run (same source, same run id) is reported again.
 */
export function obligationRunRoutes(
  router: WeibaoApiRouter,
  ctx: WeibaoContext,
) {
  const request = requestContext(ctx);

  router.post('/obligations/runs', (req, res) =>
    withAuditEvent(
      ctx.auditor,
      req,
      {
        eventId: 'obligation-run',
        meta: { runId: req.body.runId, kind: req.body.kind },
      },
      async () => {
        const credentials = await request.credentialsOf(req);
        await request.authorizeBasic(
          obligationRunRecordPermission,
          credentials,
        );
        const source = await request.actorOf(credentials);
        const recorded = await ctx.obligationRuns.record(
          req.body as RunReport,
          source,
        );
        res.status(recorded.created ? 201 : 200).json(recorded);
        return {
          source,
          created: recorded.created,
          occurrenceId: recorded.run.occurrenceId,
        };
      },
    ),
  );
}
