import { InputError, NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  cleanEvidenceFileName,
  EVIDENCE_FILE_MAX_BYTES,
  EvidenceFile,
  evidenceFileProblem,
  EvidenceFileType,
  OccurrenceEvidence,
} from '@weibao/plugin-weibao-common';
import type { EvidenceFileStore } from '../../database/evidence/EvidenceFileStore';
import type { StoredOccurrence } from '../../database/obligations/ObligationStore';
import type { ColumnFilter } from '../../database/permissionFilter';
import type { ObligationService } from '../obligations/ObligationService';

/** Why a file body was refused for its size: 413, naming the limit. */
export class EvidenceFileTooLargeError extends Error {
  readonly name = 'EvidenceFileTooLargeError';
  readonly status = 413;
  readonly expose = true;
  constructor(size?: number) {
    super(
      `body: ${
        size === undefined ? 'the file is' : `${size} bytes,`
      } more than the ${EVIDENCE_FILE_MAX_BYTES} bytes (20 MB) an evidence file may have`,
    );
  }
}

/** Uploads, attaches and serves the files that prove a duty was done. */
export class EvidenceFileService {
  constructor(
    private readonly options: {
      store: EvidenceFileStore;
      obligations: ObligationService;
      now: () => number;
    },
  ) {}

  get store(): EvidenceFileStore {
    return this.options.store;
  }

  /** Stores an uploaded file once its name, type, size and first bytes are checked. */
  async upload(
    body: unknown,
    declaredType: string | undefined,
    name: string,
    actor: string,
  ): Promise<EvidenceFile> {
    const cleanName = cleanEvidenceFileName(name);
    if (!cleanName) {
      throw new InputError(`name: "${name}" is not a file name`);
    }
    if (!Buffer.isBuffer(body)) {
      throw new InputError(
        'body: send the file itself, with Content-Type application/pdf, image/png or image/jpeg',
      );
    }
    if (body.length > EVIDENCE_FILE_MAX_BYTES) {
      throw new EvidenceFileTooLargeError(body.length);
    }
    const problem = evidenceFileProblem(declaredType ?? '', body);
    if (problem) throw new InputError(`Content-Type: ${problem}`);
    return this.options.store.add({
      name: cleanName,
      contentType: declaredType!
        .split(';')[0]
        .trim()
        .toLowerCase() as EvidenceFileType,
      bytes: body,
      uploadedBy: actor,
      now: this.options.now(),
    });
  }

  /**
   * Completes an occurrence with files as its evidence, in one transaction: the completion (its
   * history row, its follow-ups moved) and the files' attachment.
   */
  async complete(
    stored: StoredOccurrence,
    version: number,
    body: { doneAt?: string } & OccurrenceEvidence,
    fileIds: string[],
    actor: string,
  ): Promise<StoredOccurrence> {
    const { store, obligations, now } = this.options;
    const files = await store.summaries(fileIds, actor);
    const work = await obligations.prepareCompletion(
      stored,
      { ...body, files },
      actor,
    );
    return store.transaction(async tx => {
      const completed = await work(version)(tx);
      await store.attachEvidenceFiles(
        tx,
        fileIds,
        [completed.id],
        actor,
        now(),
      );
      return completed;
    });
  }

  /**
   * A file and its bytes, for a caller who may read a duty it is evidence of (`readFilter`
   * undefined: every duty; null: none), or who uploaded it while it is attached to nothing;
   * NotFoundError otherwise, as if it did not exist.
   */
  async download(
    id: string,
    readFilter: PermissionCriteria<ColumnFilter> | undefined | null,
    actor: string,
  ): Promise<{ file: EvidenceFile; content: Buffer }> {
    const { store } = this.options;
    const file = await store.get(id);
    const missing = new NotFoundError(`no evidence file ${id}`);
    if (!file) throw missing;
    let allowed =
      readFilter !== null && (await store.attachedToReadable(id, readFilter));
    if (!allowed && file.uploadedBy === actor) {
      allowed = (await store.attachedTo(id)).length === 0;
    }
    if (!allowed) throw missing;
    const content = await store.content(id);
    if (!content) throw missing;
    return { file, content };
  }
}
