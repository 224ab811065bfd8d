import { randomUUID } from 'node:crypto';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  CertificateBatch,
  CertificateRetireReason,
} from '@weibao/plugin-weibao-common';
import { Knex } from 'knex';
import type {
  CertificateBatchChanges,
  CertificateBatchEvent,
  CertificateFilter,
  CertificateImportRecord,
  CertificateStore,
  NewCertificateBatch,
} from './CertificateStore';
import { applyPermission } from '../permissionFilter';
import {
  BatchEventRow,
  BatchRow,
  BATCHES,
  eventFromRow,
  EVENTS,
  fromRow,
  ImportRow,
  IMPORTS,
  toIso,
} from './rows';
import { migratedClient } from '../migrations';

/** Rows per INSERT: keeps every statement well under SQLite's and PostgreSQL's bind limits. */
const CHUNK = 200;

/** Knex implementation of {@link CertificateStore}, on SQLite or PostgreSQL. */
export class DatabaseCertificateStore implements CertificateStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseCertificateStore> {
    return new DatabaseCertificateStore(await migratedClient(options));
  }

  constructor(private readonly db: Knex) {}

  async list(
    systemRef: string,
    permission?: PermissionCriteria<CertificateFilter>,
  ): Promise<CertificateBatch[]> {
    const qb = this.db<BatchRow>(`${BATCHES} as b`)
      .where('b.system_ref', systemRef)
      .select('b.*')
      .orderBy([
        { column: 'b.expires_on', order: 'asc' },
        { column: 'b.created_at', order: 'asc' },
        { column: 'b.id', order: 'asc' },
      ]);
    if (permission) applyPermission(qb, permission, 'b');
    return (await qb).map(fromRow);
  }

  async get(
    id: string,
    permission?: PermissionCriteria<CertificateFilter>,
  ): Promise<CertificateBatch | undefined> {
    const qb = this.db<BatchRow>(`${BATCHES} as b`).where('b.id', id);
    if (permission) applyPermission(qb, permission, 'b');
    const row = await qb.first('b.*');
    return row ? fromRow(row) : undefined;
  }

  async expiring(
    query: Parameters<CertificateStore['expiring']>[0],
    limit: number,
  ): Promise<{ items: CertificateBatch[]; truncated: boolean }> {
    if (!query.ownerRefs.length) return { items: [], truncated: false };
    const qb = this.db<BatchRow>(`${BATCHES} as b`)
      .whereIn('b.owner_ref', query.ownerRefs)
      .whereNull('b.retired_at')
      .where('b.expires_on', '>=', query.fromDate)
      .where('b.expires_on', '<=', query.toDate)
      .select('b.*')
      .orderBy([
        { column: 'b.expires_on', order: 'asc' },
        { column: 'b.id', order: 'asc' },
      ])
      .limit(limit + 1);
    if (query.permission) applyPermission(qb, query.permission, 'b');
    const rows = await qb;
    return {
      items: rows.slice(0, limit).map(fromRow),
      truncated: rows.length > limit,
    };
  }

  async importBatches(
    batches: NewCertificateBatch[],
    actor: string,
    now: number,
    importId: string,
    fingerprint?: string,
  ): Promise<CertificateBatch[]> {
    const at = new Date(now);
    const rows = batches.map(
      (b): BatchRow => ({
        id: randomUUID(),
        version: 1,
        system_ref: b.systemRef,
        owner_ref: b.ownerRef,
        item: b.item,
        medium: b.medium,
        holder_department: b.holderDepartment,
        count: b.count,
        usb_keys: b.usbKeys ?? null,
        serials: JSON.stringify(b.serials),
        issued_on: b.issuedOn,
        expires_on: b.expiresOn,
        note: b.note ?? null,
        created_by: actor,
        created_at: at,
        updated_at: at,
        retired_at: null,
        retired_reason: null,
      }),
    );
    const events = rows.map(
      (row, i): BatchEventRow => ({
        batch_id: row.id,
        seq: 1,
        type: 'imported',
        at,
        actor,
        payload: JSON.stringify({
          importId,
          ...(batches[i].line === undefined ? {} : { line: batches[i].line }),
        }),
      }),
    );
    await this.db.transaction(async tx => {
      if (fingerprint) {
        const systemRef = batches[0]?.systemRef;
        // the unique index decides between two identical uploads at once
        await tx<ImportRow>(IMPORTS)
          .insert({
            id: importId,
            system_ref: systemRef,
            fingerprint,
            batch_count: rows.length,
            imported_by: actor,
            imported_at: at,
          })
          .onConflict(['system_ref', 'fingerprint'])
          .ignore();
        const mine = await tx<ImportRow>(IMPORTS)
          .where({ id: importId })
          .first('id');
        if (!mine) {
          throw new ConflictError(
            `csv: the same certificates were imported into ${systemRef} at the same time; reload the register`,
          );
        }
      }
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx<BatchRow>(BATCHES).insert(rows.slice(i, i + CHUNK));
      }
      for (let i = 0; i < events.length; i += CHUNK) {
        await tx<BatchEventRow>(EVENTS).insert(events.slice(i, i + CHUNK));
      }
    });
    return rows.map(fromRow);
  }

  async findImport(
    systemRef: string,
    fingerprint: string,
  ): Promise<CertificateImportRecord | undefined> {
    const row = await this.db<ImportRow>(IMPORTS)
      .where({ system_ref: systemRef, fingerprint })
      .first();
    if (!row) return undefined;
    return {
      importId: row.id,
      importedAt: toIso(row.imported_at),
      importedBy: row.imported_by,
      batches: Number(row.batch_count),
    };
  }

  async update(
    id: string,
    expectedVersion: number,
    changes: CertificateBatchChanges,
    actor: string,
    now: number,
  ): Promise<CertificateBatch> {
    const columns: Partial<BatchRow> = {};
    if (changes.holderDepartment !== undefined)
      columns.holder_department = changes.holderDepartment;
    if (changes.note !== undefined) columns.note = changes.note;
    if (changes.expiresOn !== undefined) columns.expires_on = changes.expiresOn;
    return this.change(id, expectedVersion, columns, actor, now, {
      type: 'updated',
      payload: { ...changes },
    });
  }

  async retire(
    id: string,
    expectedVersion: number,
    reason: CertificateRetireReason,
    note: string | undefined,
    actor: string,
    now: number,
  ): Promise<CertificateBatch> {
    return this.change(
      id,
      expectedVersion,
      { retired_at: new Date(now), retired_reason: reason },
      actor,
      now,
      {
        type: 'retired',
        payload: { reason, ...(note ? { note } : {}) },
      },
    );
  }

  /** Writes new column values and one event, if the batch is at `expectedVersion` and in use. */
  private async change(
    id: string,
    expectedVersion: number,
    columns: Partial<BatchRow>,
    actor: string,
    now: number,
    event: Pick<CertificateBatchEvent, 'type' | 'payload'>,
  ): Promise<CertificateBatch> {
    return this.db.transaction(async tx => {
      const updated = await tx<BatchRow>(BATCHES)
        .where({ id, version: expectedVersion })
        .whereNull('retired_at')
        .update({
          ...columns,
          version: expectedVersion + 1,
          updated_at: new Date(now),
        });
      if (updated !== 1) {
        const current = await tx<BatchRow>(BATCHES)
          .where({ id })
          .first('version', 'retired_at', 'retired_reason');
        if (!current) throw new NotFoundError(`no certificate batch ${id}`);
        if (current.version !== expectedVersion) {
          throw new ConflictError(
            `version: the certificate batch is at version ${current.version}, not ${expectedVersion}; reload it and try again`,
          );
        }
        throw new ConflictError(
          `retiredAt: the certificate batch was retired (${
            current.retired_reason
          }) at ${toIso(current.retired_at)}; it cannot change any more`,
        );
      }
      await tx<BatchEventRow>(EVENTS).insert({
        batch_id: id,
        seq: expectedVersion + 1,
        type: event.type,
        at: new Date(now),
        actor,
        payload: JSON.stringify(event.payload),
      });
      const after = await tx<BatchRow>(BATCHES).where({ id }).first();
      if (!after) throw new NotFoundError(`no certificate batch ${id}`);
      return fromRow(after);
    });
  }

  async events(id: string): Promise<CertificateBatchEvent[]> {
    const rows = await this.db<BatchEventRow>(EVENTS)
      .where({ batch_id: id })
      .orderBy('seq');
    return rows.map(eventFromRow);
  }
}
