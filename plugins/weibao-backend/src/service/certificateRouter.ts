import { createHash, randomUUID } from 'node:crypto';
import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  CERTIFICATE_SOON_DAYS_DEFAULT,
  CertificateCounts,
  CertificateCsvError,
  CertificateImportResult,
  CertificateRegister,
  DEFAULT_TIME_ZONE,
  MaintenanceContractEntityV1alpha1,
  RELATION_COVERED_BY,
  certificateMinimums,
  certificateReadPermission,
  certificateTotals,
  certificateUpdatePermission,
  fullEntityRef,
  coveringContractAt,
  isMaintenanceContractEntity,
  parseCertificateCsv,
  ParsedCertificateBatch,
  serialClashes,
} from '@weibao/plugin-weibao-common';
import express from 'express';
import {
  cleanTextBodies,
  nameUnknownFields,
  strictJson,
  verifyCsvUtf8,
} from './textInput';
import { DateTime } from 'luxon';
import type {
  CertificateFilter,
  CertificateStore,
} from '../database/CertificateStore';
import {
  CertificateResource,
  certificateResourceRef,
} from '../permissions/certificateRules';
import {
  CERTIFICATE_CSV_MAX_BYTES,
  certificatesSpec,
} from '../schema/certificatesOpenapi';

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

/** The system type of a CA system (CA 数字认证系统). */
const CA_SYSTEM_TYPE = 'ca';
/** How many bad rows the message of a refused import names. */
const ERRORS_NAMED = 5;

/**
 * The certificate register routes (证书台账 of CA systems), validated against their own
 * OpenAPI spec before any handler runs.
 */
export function certificateRouter(
  options: CertificateRouterOptions,
): express.Router {
  const { store, catalog, httpAuth, userInfo, permissions, auditor } = options;
  const now = options.now ?? Date.now;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
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

  const credentialsOf = (req: express.Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const actorOf = async (credentials: BackstageCredentials) => {
    const principal = credentials.principal as
      | { type: 'user' }
      | { type: 'service'; subject: string };
    if (principal.type === 'user') {
      return (await userInfo.getUserInfo(credentials)).userEntityRef;
    }
    return `plugin:${principal.subject}`;
  };

  /** The CA system a route names, with its owner; `missing` says how to answer an unknown one. */
  const caSystem = async (
    params: { namespace: string; name: string },
    credentials: BackstageCredentials,
    missing: 'not-found' | 'input',
  ): Promise<{ entity: Entity; resource: CertificateResource }> => {
    const systemRef = stringifyEntityRef({ kind: 'component', ...params });
    const entity = await catalog.getEntityByRef(systemRef, { credentials });
    if (!entity) {
      const message = `systemRef: ${systemRef} is not in the catalog`;
      throw missing === 'input'
        ? new InputError(message)
        : new NotFoundError(message);
    }
    if (entity.spec?.type !== CA_SYSTEM_TYPE) {
      throw new InputError(
        `systemRef: ${systemRef} is a ${String(
          entity.spec?.type ?? 'untyped',
        )} system, not a CA system (spec.type must be ${CA_SYSTEM_TYPE})`,
      );
    }
    if (typeof entity.spec?.owner !== 'string') {
      throw new InputError(
        `systemRef: ${systemRef} names no owner (spec.owner)`,
      );
    }
    const ownerRef = fullEntityRef(
      entity.spec.owner,
      'group',
      entity.metadata.namespace,
    );
    return { entity, resource: { systemRef, ownerRef } };
  };

  /** The contract in force today among those covering the system, if any. */
  const coveringContract = async (
    system: Entity,
    credentials: BackstageCredentials,
  ): Promise<MaintenanceContractEntityV1alpha1 | undefined> => {
    const refs = (system.relations ?? [])
      .filter(r => r.type === RELATION_COVERED_BY)
      .map(r => r.targetRef);
    if (!refs.length) return undefined;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    const at = now();
    // in force today; of two (a renewal), the one that started last
    return coveringContractAt(
      items.filter(
        (e): e is MaintenanceContractEntityV1alpha1 =>
          Boolean(e) && isMaintenanceContractEntity(e!),
      ),
      at,
      timeZone,
    );
  };

  /** Authorizes an update of a batch or of a system's register; throws 403 if not allowed. */
  const authorizeUpdate = async (
    credentials: BackstageCredentials,
    resource: () => Promise<CertificateResource>,
  ) => {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: certificateUpdatePermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`${certificateUpdatePermission.name} denied`);
    }
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
    const [decision] = await permissions.authorizeConditional(
      [{ permission: certificateReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`${certificateReadPermission.name} denied`);
    }
    const permission =
      decision.result === AuthorizeResult.CONDITIONAL
        ? (toFilter(
            decision.conditions,
          ) as PermissionCriteria<CertificateFilter>)
        : undefined;
    const { entity, resource } = await caSystem(
      req.params,
      credentials,
      'not-found',
    );
    const contract = await coveringContract(entity, credentials);
    const minimums: CertificateCounts = contract
      ? certificateMinimums(contract, resource.systemRef)
      : { personalCertificates: 0, usbKeys: 0, electronicSeals: 0 };
    const soonDays =
      req.query.soonDays === undefined
        ? CERTIFICATE_SOON_DAYS_DEFAULT
        : Number(req.query.soonDays);
    const today = DateTime.fromMillis(now(), { zone: timeZone }).toISODate()!;
    const batches = await store.list(resource.systemRef, permission);
    const body: CertificateRegister = {
      systemRef: resource.systemRef,
      contractRef: contract ? stringifyEntityRef(contract) : null,
      today,
      soonDays,
      batches,
      ...certificateTotals(batches, minimums, today, soonDays),
    };
    res.json(body);
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
          system = (await caSystem(req.params, credentials, 'input')).resource;
          return system;
        });
        const body: unknown = req.body;
        const text =
          typeof body === 'string' ? body : (body as { csv?: unknown })?.csv;
        if (typeof text !== 'string') {
          throw new InputError(
            'csv: send the file as text/csv, or as JSON { "csv": "…" }',
          );
        }
        const { rows, errors } = parseCertificateCsv(text);
        if (!rows.length) throw new InputError(refusal(errors));
        const fromFile = rows.map(r => ({
          serials: r.serials,
          source: `line ${r.line}`,
        }));
        const twice = serialClashes(fromFile, { limit: ERRORS_NAMED });
        if (twice.length) {
          throw new InputError(
            `csv: serials appear twice in the file: ${twice
              .map(c => `${c.a} and ${c.b} share ${c.serials}`)
              .join('; ')}`,
          );
        }
        const fingerprint = importFingerprint(rows);
        const earlier = await store.findImport(system!.systemRef, fingerprint);
        if (earlier) {
          const result: CertificateImportResult = {
            imported: 0,
            errors,
            alreadyImported: earlier,
          };
          await event.success({
            meta: { alreadyImported: earlier.importId, imported: 0 },
          });
          res.json(result);
          return;
        }
        const registered = (await store.list(system!.systemRef)).filter(
          b => b.retiredAt === null,
        );
        const known = serialClashes(fromFile, {
          against: registered.map(b => ({
            serials: b.serials,
            source: `batch ${b.id} (${b.holderDepartment})`,
          })),
          limit: ERRORS_NAMED,
        });
        if (known.length) {
          throw new ConflictError(
            `csv: serials already in the register of ${
              system!.systemRef
            }: ${known
              .map(c => `${c.a}: ${c.serials} is in ${c.b}`)
              .join('; ')}; retire those batches first if they are replaced`,
          );
        }
        const importId = randomUUID();
        const stored = await store.importBatches(
          rows.map(row => ({ ...row, ...system! })),
          await actorOf(credentials),
          now(),
          importId,
          fingerprint,
        );
        const result: CertificateImportResult = {
          imported: stored.length,
          errors,
        };
        await event.success({
          meta: { importId, imported: stored.length, rejected: errors.length },
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
      await authorizeUpdate(credentials, async () => {
        const batch = await store.get(req.params.id);
        if (!batch)
          throw new NotFoundError(`no certificate batch ${req.params.id}`);
        return batch;
      });
      const retired = await store.retire(
        req.params.id,
        version,
        reason,
        note,
        await actorOf(credentials),
        now(),
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

/**
 * What an import registers, independent of line endings, column order, blank lines and row
 * order: the SHA-256 of its rows without their line numbers.
 */
function importFingerprint(rows: ParsedCertificateBatch[]): string {
  const canonical = rows
    .map(({ line: _line, ...row }) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(row).sort(([a], [b]) => a.localeCompare(b)),
        ),
      ),
    )
    .sort();
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Why a whole import was refused: the file-level problem, or the first bad rows. */
function refusal(errors: CertificateCsvError[]): string {
  const [first] = errors;
  if (!first) return 'csv: the file has a header but no rows';
  if (first.field === 'header' || first.field === 'csv') {
    return `${first.field}: line ${first.line}: ${first.reason}`;
  }
  const named = errors
    .slice(0, ERRORS_NAMED)
    .map(e => `line ${e.line} ${e.field}: ${e.reason}`)
    .join('; ');
  const more =
    errors.length > ERRORS_NAMED
      ? ` (and ${errors.length - ERRORS_NAMED} more problems)`
      : '';
  return `csv: no row can be imported; ${named}${more}`;
}
