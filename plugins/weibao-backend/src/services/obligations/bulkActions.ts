import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type {
  ObligationBulkResult,
  ObligationGroup,
  ObligationGroupList,
  OccurrenceEvidence,
} from '@weibao/plugin-weibao-common';
import type {
  ObligationQuery,
  ObligationStore,
  StoredOccurrence,
  UnitOfWork,
} from '../../database/obligations/ObligationStore';
import type { EvidenceFileStore } from '../../database/evidence/EvidenceFileStore';
import type { ObligationService } from './ObligationService';

/** At most this many occurrences change in one bulk action (a year of daily backups fits). */
export const BULK_MAX = 2000;

/** The states a whole duty is completed or waived in when the request names none. */
const DEFAULT_GROUP_STATES = ['overdue', 'due'] as const;

/**
 * What a bulk action applies to: exactly one of a selection of occurrences, each at the version
 * the user saw, and every occurrence of one duty in the given states.
 */
export type OccurrenceSelection = {
  occurrences?: Array<{ id: string; version: number }>;
  /** Several whole duties, all in the same transaction. */
  groups?: Array<NonNullable<OccurrenceSelection['group']>>;
  group?: {
    contractRef: string;
    obligationId: string;
    systemRef: string | null;
    followUp?: 'report' | 'survey' | 'notice' | null;
    states?: Array<'overdue' | 'due' | 'upcoming'>;
  };
};

/** Whether the caller may change this occurrence (the permission decision, applied). */
export type MayChange = (occurrence: StoredOccurrence) => boolean;

/**
 * Duties by group, and completing or waiving many occurrences in one action: all in one
 * transaction, each occurrence with its own history row, all or nothing.
 */
export class ObligationBulkActions {
  constructor(
    private readonly service: ObligationService,
    private readonly store: ObligationStore,
    /** Where evidence files are kept: they are attached in the same transaction. */
    private readonly evidenceFiles: EvidenceFileStore,
  ) {}

  /** Each duty matching the query with its occurrences counted by state, most overdue first. */
  async groups(
    query: Omit<ObligationQuery, 'states' | 'dueFrom' | 'dueTo'>,
    limit: number,
  ): Promise<ObligationGroupList> {
    const iso = (ms: number | null) =>
      ms === null ? null : new Date(ms).toISOString();
    const found = await this.store.groups(
      query,
      this.service.now(),
      this.service.leadTimeMs,
    );
    return {
      totalCount: found.length,
      groups: found.slice(0, limit).map(
        (g): ObligationGroup => ({
          contractRef: g.contractRef,
          obligationId: g.obligationId,
          kind: g.plan.kind,
          frequency: g.plan.frequency,
          description: g.plan.description ?? null,
          systemRef: g.systemRef,
          followUp: g.followUp,
          counts: g.counts,
          oldestOverdueAt: iso(g.oldestOverdueAt),
          nextDueAt: iso(g.nextDueAt),
        }),
      ),
    };
  }

  /** The occurrences a selection names, each with the version to change it at. */
  private async select(
    selection: OccurrenceSelection,
    mayChange: MayChange,
    actor: string,
  ): Promise<Array<{ stored: StoredOccurrence; version: number }>> {
    const { occurrences, group, groups } = selection;
    if ([occurrences, group, groups].filter(Boolean).length !== 1) {
      throw new InputError(
        'occurrences: give one of occurrences (a selection), group (a whole duty) or groups (several whole duties)',
      );
    }
    let chosen: Array<{ stored: StoredOccurrence; version: number }>;
    if (occurrences) {
      const ids = occurrences.map(o => o.id);
      const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
      if (twice >= 0) {
        throw new InputError(
          `occurrences[${twice}].id: ${ids[twice]} is selected twice`,
        );
      }
      const byId = new Map((await this.store.getMany(ids)).map(o => [o.id, o]));
      chosen = occurrences.map((o, i) => {
        const stored = byId.get(o.id);
        if (!stored) {
          throw new InputError(
            `occurrences[${i}].id: no obligation occurrence ${o.id}`,
          );
        }
        return { stored, version: o.version };
      });
    } else if (groups) {
      chosen = [];
      const seen = new Set<string>();
      for (const [i, duty] of groups.entries()) {
        const key = JSON.stringify([
          duty.contractRef,
          duty.obligationId,
          duty.systemRef,
          duty.followUp ?? null,
        ]);
        if (seen.has(key)) {
          throw new InputError(
            `groups[${i}]: ${duty.obligationId} is selected twice`,
          );
        }
        seen.add(key);
        chosen.push(...(await this.ofDuty(duty, `groups[${i}]`)));
      }
      if (chosen.length > BULK_MAX) {
        throw new InputError(
          `groups: ${chosen.length} occurrences; at most ${BULK_MAX} change in one action`,
        );
      }
    } else {
      chosen = await this.ofDuty(group!, 'group');
    }
    const denied = chosen.find(c => !mayChange(c.stored));
    if (denied) {
      throw new NotAllowedError(
        `weibao.obligation.update: ${actor} may not change obligations of ${denied.stored.contractRef} (owned by ${denied.stored.ownerRef}); nothing was changed`,
      );
    }
    return chosen;
  }

  /** The occurrences of one whole duty in its states; `field` names it in errors. */
  private async ofDuty(
    group: NonNullable<OccurrenceSelection['group']>,
    field: string,
  ): Promise<Array<{ stored: StoredOccurrence; version: number }>> {
    const states = group.states?.length
      ? [...new Set(group.states)]
      : [...DEFAULT_GROUP_STATES];
    const page = await this.store.list(
      {
        duty: {
          contractRef: group.contractRef,
          obligationId: group.obligationId,
          systemRef: group.systemRef,
          followUp: group.followUp ?? null,
        },
        states,
      },
      { limit: BULK_MAX + 1 },
      this.service.now(),
      this.service.leadTimeMs,
    );
    if (page.totalCount > BULK_MAX) {
      throw new InputError(
        `${field}: ${page.totalCount} occurrences are ${states.join(
          ' or ',
        )}; at most ${BULK_MAX} change in one action, narrow the states or select occurrences`,
      );
    }
    if (!page.items.length) {
      throw new ConflictError(
        `${field}: ${group.obligationId} of ${group.contractRef}${
          group.systemRef ? ` on ${group.systemRef}` : ''
        } has no occurrence that is ${states.join(' or ')}`,
      );
    }
    return page.items.map(stored => ({ stored, version: stored.version }));
  }

  /** Records every selected occurrence as done with the same evidence, in one transaction. */
  async complete(
    selection: OccurrenceSelection,
    {
      files: fileIds = [],
      ...body
    }: { doneAt?: string; files?: string[] } & Omit<
      OccurrenceEvidence,
      'files'
    >,
    actor: string,
    mayChange: MayChange,
  ): Promise<ObligationBulkResult> {
    const chosen = await this.select(selection, mayChange, actor);
    // the same report is the evidence of every occurrence (400 naming files[i] if unknown)
    const files = fileIds.length
      ? await this.evidenceFiles.summaries(fileIds, actor)
      : [];
    // follow-ups first: a parent completed after them leaves them as they are
    chosen.sort(
      (a, b) =>
        Number(b.stored.plan.parentKey !== undefined) -
        Number(a.stored.plan.parentKey !== undefined),
    );
    const works: Array<UnitOfWork<StoredOccurrence>> = [];
    for (const { stored, version } of chosen) {
      const work = await this.service.prepareCompletion(
        stored,
        files.length ? { ...body, files } : body,
        actor,
      );
      works.push(work(version));
    }
    const now = this.service.now();
    const [completed] = await this.store.inTransaction([
      async tx => {
        const changed: StoredOccurrence[] = [];
        for (const work of works) changed.push(await work(tx));
        if (fileIds.length) {
          await this.evidenceFiles.attachEvidenceFiles(
            tx,
            fileIds,
            changed.map(o => o.id),
            actor,
            now,
          );
        }
        return changed;
      },
    ]);
    return this.result(completed);
  }

  /** Releases every selected occurrence with the same reason, in one transaction. */
  async waive(
    selection: OccurrenceSelection,
    reason: string,
    actor: string,
    mayChange: MayChange,
  ): Promise<ObligationBulkResult> {
    const chosen = await this.select(selection, mayChange, actor);
    const now = this.service.now();
    return this.result(
      await this.store.inTransaction(
        chosen.map(({ stored, version }) =>
          this.store.waiver(stored.id, version, { by: actor, reason }, now),
        ),
      ),
    );
  }

  private result(changed: StoredOccurrence[]): ObligationBulkResult {
    const now = this.service.now();
    return {
      count: changed.length,
      items: changed.map(o => this.service.view(o, now)),
    };
  }
}
