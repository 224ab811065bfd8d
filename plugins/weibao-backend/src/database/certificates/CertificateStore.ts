import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  CertificateBatch,
  CertificateRetireReason,
  ParsedCertificateBatch,
} from '@weibao/plugin-weibao-common';

/** A column that permission rules may restrict certificate batches by. @public */
export type CertificateFilter = {
  property: 'owner_ref' | 'system_ref';
  values: string[];
};

/** A batch to register: a good CSV row, and the system it belongs to. */
export type NewCertificateBatch = Omit<ParsedCertificateBatch, 'line'> & {
  systemRef: string;
  ownerRef: string;
  /** The CSV line it came from, kept in its first event. */
  line?: number;
};

/** What may change in a batch after it was registered. */
export type CertificateBatchChanges = Partial<
  Pick<CertificateBatch, 'holderDepartment' | 'note' | 'expiresOn'>
>;

/** One row of a batch's history. */
export type CertificateBatchEvent = {
  seq: number;
  type: 'imported' | 'updated' | 'retired';
  at: string;
  actor: string;
  payload: Record<string, unknown>;
};

/**
 * Where the certificate register lives. Every change writes the batch and appends an event row
 * in one transaction; updates are guarded by the batch's version.
 */
/** An import recorded with its fingerprint. */
export type CertificateImportRecord = {
  importId: string;
  importedAt: string;
  importedBy: string;
  batches: number;
};

export interface CertificateStore {
  /** The batches of one CA system, by expiry date, restricted by a permission decision. */
  list(
    systemRef: string,
    permission?: PermissionCriteria<CertificateFilter>,
  ): Promise<CertificateBatch[]>;

  get(
    id: string,
    permission?: PermissionCriteria<CertificateFilter>,
  ): Promise<CertificateBatch | undefined>;

  /**
   * The batches in the register (not retired) of the owners' systems whose last valid day lies
   * between two dates (inclusive), by expiry date; at most `limit`, and whether there were more.
   */
  expiring(
    query: {
      ownerRefs: string[];
      fromDate: string;
      toDate: string;
      permission?: PermissionCriteria<CertificateFilter>;
    },
    limit: number,
  ): Promise<{ items: CertificateBatch[]; truncated: boolean }>;

  /**
   * Registers all the batches, or none of them: one transaction. With a fingerprint, the import
   * is recorded under it; a second import with the same fingerprint on the same system throws
   * ConflictError (two identical uploads at once).
   */
  importBatches(
    batches: NewCertificateBatch[],
    actor: string,
    now: number,
    importId: string,
    fingerprint?: string,
  ): Promise<CertificateBatch[]>;

  /** The earlier import of a system with this fingerprint, if any. */
  findImport(
    systemRef: string,
    fingerprint: string,
  ): Promise<CertificateImportRecord | undefined>;

  /**
   * Changes a batch if the stored version is still `expectedVersion`; throws ConflictError
   * otherwise (and for a retired batch), NotFoundError if there is no such batch.
   */
  update(
    id: string,
    expectedVersion: number,
    changes: CertificateBatchChanges,
    actor: string,
    now: number,
  ): Promise<CertificateBatch>;

  /** Takes a batch out of the register (renewed, revoked, lost), under the same guard. */
  retire(
    id: string,
    expectedVersion: number,
    reason: CertificateRetireReason,
    note: string | undefined,
    actor: string,
    now: number,
  ): Promise<CertificateBatch>;

  /** The history of a batch, oldest first. */
  events(id: string): Promise<CertificateBatchEvent[]>;
}
