import { randomUUID } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  CERTIFICATE_SOON_DAYS_DEFAULT,
  CertificateBatch,
  CertificateCounts,
  CertificateImportResult,
  CertificateRegister,
  CertificateRetireReason,
  DEFAULT_TIME_ZONE,
  certificateMinimums,
  certificateTotals,
  fullEntityRef,
  parseCertificateCsv,
  serialClashes,
} from '@weibao/plugin-weibao-common';
import { DateTime } from 'luxon';
import type {
  CertificateFilter,
  CertificateStore,
} from '../../database/certificates/CertificateStore';
import type { CertificateResource } from '../../permissions/certificateRules';
import { coveringContract } from '../catalog/catalogLookup';
import {
  csvTextOf,
  ERRORS_NAMED,
  importFingerprint,
  refusal,
} from './certificateImport';

/** The system type of a CA system (CA 数字认证系统). */
const CA_SYSTEM_TYPE = 'ca';

export type CertificateServiceOptions = {
  store: CertificateStore;
  catalog: CatalogService;
  /** The current instant (epoch ms); Date.now by default. Decides what "today" is. */
  now?: () => number;
  /** The hospitals' time zone, in which "today" is taken; Asia/Shanghai by default. */
  timeZone?: string;
};

/** A CA system's register: where it is, and who owns it. */
export type CaSystem = { entity: Entity; resource: CertificateResource };

/** What an import did: the answer, and the import's id when it registered batches. */
export type CertificateImportOutcome = {
  result: CertificateImportResult;
  importId?: string;
};

/** The certificate registers of CA systems (证书台账): reading, CSV imports, retiring batches. */
export class CertificateService {
  private readonly now: () => number;
  private readonly timeZone: string;

  constructor(private readonly options: CertificateServiceOptions) {
    this.now = options.now ?? Date.now;
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** The CA system a route names, with its owner; `missing` says how to answer an unknown one. */
  async caSystem(
    params: { namespace: string; name: string },
    credentials: BackstageCredentials,
    missing: 'not-found' | 'input',
  ): Promise<CaSystem> {
    const systemRef = stringifyEntityRef({ kind: 'component', ...params });
    const entity = await this.options.catalog.getEntityByRef(systemRef, {
      credentials,
    });
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
  }

  /**
   * A CA system's register today: its batches the caller may read, their totals against the
   * minimums of the contract in force covering the system (none when there is no such contract).
   */
  async register(
    system: CaSystem,
    credentials: BackstageCredentials,
    permission: PermissionCriteria<CertificateFilter> | undefined,
    soonDays = CERTIFICATE_SOON_DAYS_DEFAULT,
  ): Promise<CertificateRegister> {
    const { systemRef } = system.resource;
    const now = this.now();
    const { contract } = await coveringContract(
      this.options.catalog,
      system.entity,
      now,
      credentials,
    );
    const minimums: CertificateCounts = contract
      ? certificateMinimums(contract, systemRef)
      : { personalCertificates: 0, usbKeys: 0, electronicSeals: 0 };
    const today = DateTime.fromMillis(now, {
      zone: this.timeZone,
    }).toISODate()!;
    const batches = await this.options.store.list(systemRef, permission);
    return {
      systemRef,
      contractRef: contract ? stringifyEntityRef(contract) : null,
      today,
      soonDays,
      batches,
      ...certificateTotals(batches, minimums, today, soonDays),
    };
  }

  /**
   * Imports a CSV file into a system's register: all its good rows or none (a 400 when no row
   * is good, when serials appear twice in the file; a 409 when serials are in the register
   * already). The same rows imported before are not imported again.
   */
  async importCsv(
    system: CertificateResource,
    body: unknown,
    actor: string,
  ): Promise<CertificateImportOutcome> {
    const { store } = this.options;
    const { rows, errors } = parseCertificateCsv(csvTextOf(body));
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
    const earlier = await store.findImport(system.systemRef, fingerprint);
    if (earlier) {
      return { result: { imported: 0, errors, alreadyImported: earlier } };
    }
    const registered = (await store.list(system.systemRef)).filter(
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
        `csv: serials already in the register of ${system.systemRef}: ${known
          .map(c => `${c.a}: ${c.serials} is in ${c.b}`)
          .join('; ')}; retire those batches first if they are replaced`,
      );
    }
    const importId = randomUUID();
    const stored = await store.importBatches(
      rows.map(row => ({ ...row, ...system })),
      actor,
      this.now(),
      importId,
      fingerprint,
    );
    return { result: { imported: stored.length, errors }, importId };
  }

  /** A batch by id, whoever may read it (the caller decides on it); NotFoundError otherwise. */
  async batch(id: string): Promise<CertificateBatch> {
    const batch = await this.options.store.get(id);
    if (!batch) throw new NotFoundError(`no certificate batch ${id}`);
    return batch;
  }

  /** Takes a batch out of the register (renewed, revoked, lost) if it is still at `version`. */
  retire(
    id: string,
    version: number,
    reason: CertificateRetireReason,
    note: string | undefined,
    actor: string,
  ): Promise<CertificateBatch> {
    return this.options.store.retire(
      id,
      version,
      reason,
      note,
      actor,
      this.now(),
    );
  }
}
