import {
  AuditorService,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  certificateReadPermission,
  certificateUpdatePermission,
} from '@weibao/plugin-weibao-common';
import express from 'express';
import {
  cleanTextBodies,
  nameUnknownFields,
  strictJson,
  verifyCsvUtf8,
} from './textInput';
import type {
  CertificateFilter,
  CertificateStore,
} from '../database/certificates/CertificateStore';
import {
  CertificateResource,
  certificateResourceRef,
} from '../permissions/certificateRules';
import {
  CERTIFICATE_CSV_MAX_BYTES,
  certificatesSpec,
} from '../schema/certificatesOpenapi';
import { CertificateService } from '../services/certificates/CertificateService';
import { Caller, requestContext } from './requestContext';

export type CertificateRouterOptions = {
  store: CertificateStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  /** The current instant (epoch ms); Date.now by default. Decides what "today" is. */
  now?: () => number;
  /** The hospitals' time zone, in which "today" is taken; Asia/Shanghai by default. */
  timeZone?: string;
};

/**
 * The certificate register routes (证书台账 of CA systems), validated against their own
 * OpenAPI spec before any handler runs.
 */
export function certificateRouter(
  options: CertificateRouterOptions,
): express.Router {
  const { httpAuth, userInfo, permissions, auditor } = options;
  const ruleset = options.permissionsRegistry.getPermissionRuleset(
    certificateResourceRef,
  );
  const toFilter = createConditionTransformer(ruleset);
  const mayUpdate = createConditionAuthorizer(ruleset);
  const limit = CERTIFICATE_CSV_MAX_BYTES * 2;
  const router = createValidatedOpenApiRouter(certificatesSpec, {
    validatorOptions: { ajvFormats: { mode: 'full' } },
    middleware: [
      strictJson({ limit }),
      // decoded strictly: a byte that is not UTF-8 is refused with its line
      express.text({ type: ['text/csv'], limit, verify: verifyCsvUtf8 }),
    ],
  });
  nameUnknownFields(router);
  router.use(cleanTextBodies());

  const { credentialsOf, actorOf, decide, filterFor } = requestContext(
    httpAuth,
    userInfo,
    permissions,
  );
  const service = new CertificateService({
    store: options.store,
    catalog: options.catalog,
    now: options.now,
    timeZone: options.timeZone,
  });

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
          system = (await service.caSystem(req.params, credentials, 'input'))
            .resource;
          return system;
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

  return router;
}
