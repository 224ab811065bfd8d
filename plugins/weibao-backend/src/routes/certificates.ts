import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  certificateReadPermission,
  certificateUpdatePermission,
} from '@weibao/plugin-weibao-common';
import type { WeibaoContext } from '../context';
import type { CertificateFilter } from '../database/certificates/CertificateStore';
import {
  CertificateResource,
  certificateResourceRef,
} from '../permissions/certificateRules';
import { Caller, requestContext } from '../request';
import type { WeibaoApiRouter } from '../router';

/**
 * The certificate register routes (证书台账 of CA systems): a system's register, CSV imports
 * and retiring a batch, each authorised on the system or the batch and audited.
 */
export function certificateRoutes(router: WeibaoApiRouter, ctx: WeibaoContext) {
  const { auditor } = ctx;
  const { service } = ctx.certificates;
  const ruleset = ctx.permissionsRegistry.getPermissionRuleset(
    certificateResourceRef,
  );
  const toFilter = createConditionTransformer(ruleset);
  const mayUpdate = createConditionAuthorizer(ruleset);
  const { credentialsOf, actorOf, decide, filterFor } = requestContext(ctx);

  /** Authorizes an update of a batch or of a system's register; throws 403 if not allowed. */
  const authorizeUpdate = async (
    credentials: Caller,
    resource: () => Promise<CertificateResource>,
  ) => {
    const decision = await decide(certificateUpdatePermission, credentials);
    const target = await resource();
    if (!mayUpdate(decision, target)) {
      throw new NotAllowedError(
        `${certificateUpdatePermission.name}: ${await actorOf(
          credentials,
        )} may not change certificates of ${target.systemRef} (owned by ${
          target.ownerRef
        })`,
      );
    }
  };

  router.get('/systems/:namespace/:name/certificates', async (req, res) => {
    const credentials = await credentialsOf(req);
    const permission = await filterFor<CertificateFilter>(
      certificateReadPermission,
      credentials,
      toFilter,
    );
    const system = await service.caSystem(req.params, credentials, 'not-found');
    const soonDays =
      req.query.soonDays === undefined ? undefined : Number(req.query.soonDays);
    res.json(await service.register(system, credentials, permission, soonDays));
  });

  router.post(
    '/systems/:namespace/:name/certificates/import',
    async (req, res) => {
      const systemRef = stringifyEntityRef({
        kind: 'component',
        ...req.params,
      });
      const event = await auditor.createEvent({
        eventId: 'certificate-import',
        severityLevel: 'medium',
        request: req,
        meta: { systemRef },
      });
      try {
        const credentials = await credentialsOf(req);
        let system: CertificateResource | undefined;
        await authorizeUpdate(credentials, async () => {
          const { resource } = await service.caSystem(
            req.params,
            credentials,
            'input',
          );
          system = resource;
          return resource;
        });
        const { result, importId } = await service.importCsv(
          system!,
          req.body,
          await actorOf(credentials),
        );
        await event.success({
          meta: result.alreadyImported
            ? { alreadyImported: result.alreadyImported.importId, imported: 0 }
            : {
                importId,
                imported: result.imported,
                rejected: result.errors.length,
              },
        });
        res.json(result);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.post('/certificates/:id/retire', async (req, res) => {
    const { version, reason, note } = req.body;
    const event = await auditor.createEvent({
      eventId: 'certificate-retire',
      severityLevel: 'medium',
      request: req,
      meta: { batchId: req.params.id, version, reason },
    });
    try {
      const credentials = await credentialsOf(req);
      await authorizeUpdate(credentials, () => service.batch(req.params.id));
      const retired = await service.retire(
        req.params.id,
        version,
        reason,
        note,
        await actorOf(credentials),
      );
      await event.success({ meta: { version: retired.version } });
      res.json(retired);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });
}
