import {
  AuthorizeResult,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  obligationReadPermission,
  obligationRunRecordPermission,
  obligationUpdatePermission,
} from '@weibao/plugin-weibao-common';
import type { WeibaoContext } from '../context';
import type { ColumnFilter } from '../database/permissionFilter';
import { obligationResourceRef } from '../permissions/rules';
import { Caller, requestContext, withAuditEvent } from '../request';
import type { WeibaoApiRouter } from '../router';

/** A file name for Content-Disposition: ASCII fallback and the UTF-8 name (RFC 6266). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[";\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(
    name,
  )}`;
}

/**
 * `POST /evidence-files` (the raw file, ≤ 20 MB, PDF, PNG or JPEG checked by its first bytes)
 * and `GET /evidence-files/{id}` (served only to those who may read a duty it is evidence of,
 * or to its uploader while it is attached to nothing).
 */
export function evidenceFileRoutes(
  router: WeibaoApiRouter,
  ctx: WeibaoContext,
) {
  const request = requestContext(ctx);
  const toFilter = createConditionTransformer(
    ctx.permissionsRegistry.getPermissionRuleset(obligationResourceRef),
  );

  /** Machines with the run permission upload their reports; people who may complete duties theirs. */
  const mayUpload = async (credentials: Caller) => {
    const [run] = await ctx.permissions.authorize(
      [{ permission: obligationRunRecordPermission }],
      { credentials },
    );
    if (run.result === AuthorizeResult.ALLOW) return;
    await request.decide(obligationUpdatePermission, credentials);
  };

  /** The obligation read decision as a filter: undefined all, null none. */
  const readFilter = async (
    credentials: Caller,
  ): Promise<PermissionCriteria<ColumnFilter> | undefined | null> => {
    const [decision] = await ctx.permissions.authorizeConditional(
      [{ permission: obligationReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) return null;
    return decision.result === AuthorizeResult.CONDITIONAL
      ? (toFilter(decision.conditions) as PermissionCriteria<ColumnFilter>)
      : undefined;
  };

  router.post('/evidence-files', (req, res) =>
    withAuditEvent(
      ctx.auditor,
      req,
      {
        eventId: 'evidence-file-upload',
        meta: { name: req.query.name, contentType: req.get('content-type') },
      },
      async () => {
        const credentials = await request.credentialsOf(req);
        await mayUpload(credentials);
        const actor = await request.actorOf(credentials);
        const file = await ctx.evidenceFiles.upload(
          req.body,
          req.get('content-type'),
          String(req.query.name),
          actor,
        );
        res.status(201).json(file);
        return { fileId: file.id, size: file.size, sha256: file.sha256 };
      },
    ),
  );

  router.get('/evidence-files/:id', async (req, res) => {
    const credentials = await request.credentialsOf(req);
    const { file, content } = await ctx.evidenceFiles.download(
      req.params.id,
      await readFilter(credentials),
      await request.actorOf(credentials),
    );
    res.set({
      'Content-Type': file.contentType,
      'Content-Length': String(content.length),
      'Content-Disposition': contentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      ETag: `"${file.sha256}"`,
    });
    res.end(content);
  });
}
