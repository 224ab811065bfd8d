import { InputError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  EvidenceFile,
  EvidenceFileSummary,
  EvidenceFileType,
} from '@weibao/plugin-weibao-common';
import { createHash, randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { OCCURRENCES } from '../obligations/rows';
import { applyPermission, ColumnFilter, toMs } from '../permissionFilter';

export const FILES = 'weibao_evidence_files';
export const ATTACHMENTS = 'weibao_evidence_file_attachments';

/** A row of `weibao_evidence_files`, without its bytes. */
type FileRow = {
  id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date | number | string;
};

const META = [
  'id',
  'name',
  'content_type',
  'size',
  'sha256',
  'uploaded_by',
  'uploaded_at',
];

function fileFromRow(row: FileRow): EvidenceFile {
  return {
    id: row.id,
    name: row.name,
    contentType: row.content_type as EvidenceFileType,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: new Date(toMs(row.uploaded_at)).toISOString(),
  };
}

const summaryOf = (f: EvidenceFile): EvidenceFileSummary => ({
  id: f.id,
  name: f.name,
  contentType: f.contentType,
  size: f.size,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Evidence files and what they are attached to; the bytes live in the database. */
export interface EvidenceFileStore {
  /** Stores a checked file's bytes; the caller has checked its type and size. */
  add(file: {
    name: string;
    contentType: EvidenceFileType;
    bytes: Buffer;
    uploadedBy: string;
    now: number;
  }): Promise<EvidenceFile>;
  get(id: string): Promise<EvidenceFile | undefined>;
  /** The bytes of a file. */
  content(id: string): Promise<Buffer | undefined>;
  /** The occurrences a file is evidence of. */
  attachedTo(id: string): Promise<string[]>;
  /**
   * Whether the file is attached to at least one occurrence the read filter lets through
   * (any attached one when the filter is undefined).
   */
  attachedToReadable(
    id: string,
    permission: PermissionCriteria<ColumnFilter> | undefined,
  ): Promise<boolean>;
  /**
   * The files a completion names, as its evidence lists them: each must exist and have been
   * uploaded by the actor; a 400 naming `files[i]` otherwise. Pass `tx` to read inside it.
   */
  summaries(
    fileIds: string[],
    actor: string,
    tx?: Knex.Transaction,
  ): Promise<EvidenceFileSummary[]>;
  /**
   * Attaches the files to the occurrences inside the caller's transaction (the one writing the
   * completions), checking them as {@link EvidenceFileStore.summaries} does; attaching the same
   * file to the same occurrence twice is one attachment.
   */
  attachEvidenceFiles(
    tx: Knex.Transaction,
    fileIds: string[],
    occurrenceIds: string[],
    actor: string,
    now: number,
  ): Promise<EvidenceFileSummary[]>;
  /** Runs work in a transaction of the plugin's database. */
  transaction<T>(work: (tx: Knex.Transaction) => Promise<T>): Promise<T>;
}

/** Knex implementation of {@link EvidenceFileStore} (bytea on PostgreSQL, blob on SQLite). */
export class DatabaseEvidenceFileStore implements EvidenceFileStore {
  constructor(private readonly db: Knex) {}

  transaction<T>(work: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async add(file: {
    name: string;
    contentType: EvidenceFileType;
    bytes: Buffer;
    uploadedBy: string;
    now: number;
  }): Promise<EvidenceFile> {
    const row: FileRow = {
      id: randomUUID(),
      name: file.name,
      content_type: file.contentType,
      size: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      uploaded_by: file.uploadedBy,
      uploaded_at: new Date(file.now),
    };
    await this.db(FILES).insert({ ...row, content: file.bytes });
    return fileFromRow(row);
  }

  async get(id: string): Promise<EvidenceFile | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await this.db<FileRow>(FILES)
      .where({ id })
      .first(...META);
    return row ? fileFromRow(row) : undefined;
  }

  async content(id: string): Promise<Buffer | undefined> {
    const row = await this.db(FILES).where({ id }).first('content');
    if (!row) return undefined;
    const content = row.content as Buffer | Uint8Array;
    return Buffer.isBuffer(content) ? content : Buffer.from(content);
  }

  async attachedTo(id: string): Promise<string[]> {
    const rows = await this.db(ATTACHMENTS)
      .where({ file_id: id })
      .select('occurrence_id');
    return rows.map(r => r.occurrence_id);
  }

  async attachedToReadable(
    id: string,
    permission: PermissionCriteria<ColumnFilter> | undefined,
  ): Promise<boolean> {
    const qb = this.db(`${ATTACHMENTS} as a`)
      .join(`${OCCURRENCES} as o`, 'o.id', 'a.occurrence_id')
      .where('a.file_id', id)
      .first('a.occurrence_id');
    if (permission) applyPermission(qb, permission, 'o');
    return Boolean(await qb);
  }

  async summaries(
    fileIds: string[],
    actor: string,
    tx?: Knex.Transaction,
  ): Promise<EvidenceFileSummary[]> {
    const db = tx ?? this.db;
    const seen = new Set<string>();
    fileIds.forEach((id, i) => {
      if (!UUID.test(id)) {
        throw new InputError(`files[${i}]: "${id}" is not a file id`);
      }
      if (seen.has(id.toLowerCase())) {
        throw new InputError(`files[${i}]: ${id} is named twice`);
      }
      seen.add(id.toLowerCase());
    });
    if (!fileIds.length) return [];
    const rows: FileRow[] = await db(FILES)
      .whereIn(
        'id',
        fileIds.map(id => id.toLowerCase()),
      )
      .select(...META);
    const byId = new Map(rows.map(r => [r.id, fileFromRow(r)]));
    return fileIds.map((id, i) => {
      const file = byId.get(id.toLowerCase());
      if (!file) {
        throw new InputError(
          `files[${i}]: no evidence file ${id}; upload it first (POST /evidence-files)`,
        );
      }
      if (file.uploadedBy !== actor) {
        throw new InputError(
          `files[${i}]: ${id} was uploaded by ${file.uploadedBy}, not by ${actor}; only its uploader attaches it`,
        );
      }
      return summaryOf(file);
    });
  }

  async attachEvidenceFiles(
    tx: Knex.Transaction,
    fileIds: string[],
    occurrenceIds: string[],
    actor: string,
    now: number,
  ): Promise<EvidenceFileSummary[]> {
    const files = await this.summaries(fileIds, actor, tx);
    const rows = files.flatMap(f =>
      occurrenceIds.map(occurrenceId => ({
        file_id: f.id,
        occurrence_id: occurrenceId,
        attached_by: actor,
        attached_at: new Date(now),
      })),
    );
    if (rows.length) {
      await tx(ATTACHMENTS)
        .insert(rows)
        .onConflict(['file_id', 'occurrence_id'])
        .ignore();
    }
    return files;
  }
}
