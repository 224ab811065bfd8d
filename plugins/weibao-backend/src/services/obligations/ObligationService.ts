import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CalendarOptions,
  contractCalendar,
  followUpDueAt,
  fullEntityRef,
  isLateRecord,
  isMaintenanceContractEntity,
  MAINTENANCE_CONTRACT_KIND,
  ObligationOccurrence,
  obligationSchedule,
  ObligationOccurrenceDetail,
  ObligationOccurrenceList,
  OccurrenceEvidence,
  OccurrenceState,
  occurrenceState,
  reconcileObligations,
  surveyScoreProblems,
  trackingStartAt,
  validateMaintenanceContract,
} from '@weibao/plugin-weibao-common';
import type {
  ObligationQuery,
  ObligationStore,
  OccurrenceCompletion,
  StoredOccurrence,
  SyncResult,
  UnitOfWork,
} from '../../database/obligations/ObligationStore';
import { parseInstant } from '../../request';

const DAY = 24 * 60 * 60_000;

export type ObligationServiceOptions = {
  store: ObligationStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  calendarOptions: CalendarOptions;
  /** How long before its due time an occurrence counts as due and the team is told. */
  leadTimeMs?: number;
  now?: () => number;
};

/** Generates obligation occurrences from the catalog's contracts and records their completion. */
export class ObligationService {
  readonly leadTimeMs: number;
  readonly now: () => number;

  constructor(private readonly options: ObligationServiceOptions) {
    this.leadTimeMs = options.leadTimeMs ?? 7 * DAY;
    this.now = options.now ?? Date.now;
  }

  /** Regenerates every contract's occurrences; done and waived ones are kept. */
  async syncAll(): Promise<Record<string, SyncResult>> {
    const { catalog, auth, store, logger } = this.options;
    const now = this.now();
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      { filter: { kind: MAINTENANCE_CONTRACT_KIND } },
      { credentials },
    );
    const results: Record<string, SyncResult> = {};
    for (const entity of items) {
      if (!isMaintenanceContractEntity(entity)) continue;
      const ref = stringifyEntityRef(entity);
      if (!validateMaintenanceContract(entity).valid) {
        logger.warn(
          `Obligations of ${ref} not generated: the contract is invalid`,
        );
        continue;
      }
      const schedule = obligationSchedule(entity, {
        calendarOptions: this.options.calendarOptions,
      });
      for (const warning of schedule.warnings)
        logger.info(`${ref}: ${warning}`);
      const ns = entity.metadata.namespace;
      const covered = entity.spec.covers.map(c =>
        fullEntityRef(c, 'component', ns),
      );
      const plan = schedule.occurrences.map(o => ({
        ...o,
        systemsConcerned: o.systems.length ? o.systems : covered,
      }));
      results[ref] = await store.syncContract(
        {
          contractRef: ref,
          ownerRef: fullEntityRef(entity.spec.owner, 'group', ns),
          hospitalRef: fullEntityRef(entity.spec.hospital, 'system', ns),
          terms: {
            ...(entity.spec.calendars
              ? { calendars: entity.spec.calendars }
              : {}),
            ...(entity.spec.calendarOverrides
              ? { calendarOverrides: entity.spec.calendarOverrides }
              : {}),
          },
          calendarVersion: schedule.calendarVersion,
        },
        (recorded, firstSeenAt) => {
          const trackingStart = trackingStartAt(entity.spec, firstSeenAt);
          return {
            ...reconcileObligations(recorded, plan, now, trackingStart),
            trackingStart,
          };
        },
        now,
      );
    }
    return results;
  }

  view(stored: StoredOccurrence, now = this.now()): ObligationOccurrence {
    const p = stored.plan;
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      id: stored.id,
      version: stored.version,
      key: p.key,
      contractRef: stored.contractRef,
      hospitalRef: stored.hospitalRef,
      ownerRef: stored.ownerRef,
      obligationId: p.obligationId,
      kind: p.kind,
      frequency: p.frequency,
      description: p.description ?? null,
      systems: stored.systems,
      systemRef: stored.systemRef,
      windowStart: p.windowStart,
      windowEnd: p.windowEnd,
      dueAt: iso(stored.dueAt),
      state: occurrenceState(stored, now, this.leadTimeMs),
      sequence: p.sequence,
      count: p.count ?? null,
      parentKey: p.parentKey ?? null,
      followUpKind: p.followUpKind ?? null,
      holiday: p.holiday ?? null,
      scenarios: p.scenarios ?? [],
      provisional: Boolean(p.provisional),
      done:
        stored.doneAt !== null && stored.record.done
          ? this.doneView(stored, stored.doneAt, stored.record.done)
          : null,
      waived:
        stored.waivedAt !== null && stored.record.waived
          ? { at: iso(stored.waivedAt), ...stored.record.waived }
          : null,
    };
  }

  /** A completion as shown: both when it was done and when it was entered. */
  private doneView(
    stored: StoredOccurrence,
    doneAt: number,
    done: NonNullable<StoredOccurrence['record']['done']>,
  ): NonNullable<ObligationOccurrence['done']> {
    // rows completed before the record kept `recordedAt`: a closed row's last change is its completion
    const recordedAt = done.recordedAt ?? stored.updatedAt;
    return {
      at: new Date(doneAt).toISOString(),
      onTime: done.onTime,
      by: done.by,
      evidence: done.evidence,
      recordedAt: new Date(recordedAt).toISOString(),
      lateRecord: isLateRecord({ dueAt: stored.dueAt, doneAt, recordedAt }),
    };
  }

  /** A page of the occurrences asked for, soonest due first. */
  async list(
    query: ObligationQuery,
    page: { limit: number; cursor?: string },
  ): Promise<ObligationOccurrenceList> {
    const now = this.now();
    const found = await this.options.store.list(
      query,
      page,
      now,
      this.leadTimeMs,
    );
    return {
      items: found.items.map(o => this.view(o, now)),
      totalCount: found.totalCount,
      ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}),
    };
  }

  /**
   * The first `perState` occurrences of each state asked for (overdue, due and upcoming by
   * default), soonest due first, and how many there are of each: one call shows overdue, due and
   * upcoming duties side by side.
   */
  async listPerState(
    query: ObligationQuery,
    states: OccurrenceState[] | undefined,
    perState: number,
  ): Promise<ObligationOccurrenceList> {
    const now = this.now();
    const asked = states?.length
      ? [...new Set(states)]
      : (['overdue', 'due', 'upcoming'] as OccurrenceState[]);
    const pages = await Promise.all(
      asked.map(state =>
        this.options.store.list(
          { ...query, states: [state] },
          { limit: perState },
          now,
          this.leadTimeMs,
        ),
      ),
    );
    return {
      items: pages.flatMap(p => p.items.map(o => this.view(o, now))),
      totalCount: pages.reduce((n, p) => n + p.totalCount, 0),
      stateCounts: Object.fromEntries(
        asked.map((state, i) => [state, pages[i].totalCount]),
      ),
    };
  }

  /** An occurrence the caller may read, with its history; NotFoundError otherwise. */
  async detail(
    id: string,
    permission: ObligationQuery['permission'],
  ): Promise<ObligationOccurrenceDetail> {
    const stored = await this.options.store.get(id, permission);
    if (!stored) throw new NotFoundError(`no obligation occurrence ${id}`);
    return {
      ...this.view(stored),
      history: await this.options.store.history(stored.id),
    };
  }

  /** An occurrence to change, read without a permission filter (the caller decides on it). */
  async occurrence(id: string): Promise<StoredOccurrence> {
    const stored = await this.options.store.get(id);
    if (!stored) throw new NotFoundError(`no obligation occurrence ${id}`);
    return stored;
  }

  /** Records an occurrence as done, on time or late, and moves the due times of its follow-ups. */
  async complete(
    stored: StoredOccurrence,
    version: number,
    body: { doneAt?: string } & OccurrenceEvidence,
    actor: string,
  ): Promise<StoredOccurrence> {
    const c = await this.checkCompletion(stored, body, actor);
    return this.options.store.complete(
      stored.id,
      version,
      c.done,
      c.followUps,
      c.now,
    );
  }

  /**
   * Checks a completion and computes its follow-ups' due times; the returned function gives the
   * work writing it at a version, for a store to run inside its own transaction (the one
   * recording the drill that fulfils the occurrence).
   */
  async prepareCompletion(
    stored: StoredOccurrence,
    body: { doneAt?: string } & OccurrenceEvidence,
    actor: string,
  ): Promise<(version: number) => UnitOfWork<StoredOccurrence>> {
    const c = await this.checkCompletion(stored, body, actor);
    return version =>
      this.options.store.completion(
        stored.id,
        version,
        c.done,
        c.followUps,
        c.now,
      );
  }

  /** The completion as recorded, and its follow-ups' due times; a 400 if it cannot be. */
  private async checkCompletion(
    stored: StoredOccurrence,
    body: { doneAt?: string } & OccurrenceEvidence,
    actor: string,
  ): Promise<{
    done: OccurrenceCompletion;
    followUps: Array<{ id: string; dueAt: number }>;
    now: number;
  }> {
    const now = this.now();
    const doneAt = body.doneAt ? parseInstant('doneAt', body.doneAt, now) : now;
    const p = stored.plan;
    if (p.followUpKind === 'survey') {
      if (!body.scores || !Object.keys(body.scores).length) {
        throw new InputError(
          'scores: a satisfaction survey records its scores, 5..0 by category',
        );
      }
    }
    const problem = body.scores && surveyScoreProblems(body.scores)[0];
    if (problem) throw new InputError(`${problem.field}: ${problem.reason}`);
    const evidence: OccurrenceEvidence = {
      ...(body.note ? { note: body.note } : {}),
      ...(body.links ? { links: body.links } : {}),
      ...(body.people ? { people: body.people } : {}),
      ...(body.scores ? { scores: body.scores } : {}),
      ...(body.files?.length ? { files: body.files } : {}),
    };
    const contract = await this.options.store.contract(stored.contractRef);
    if (!contract)
      throw new NotFoundError(`no synced contract ${stored.contractRef}`);
    const calendar = contractCalendar(
      '5x8',
      contract.terms,
      this.options.calendarOptions,
    );
    const followUps = (
      await this.options.store.followUps(stored.contractRef, p.key)
    )
      .filter(f => f.plan.followUpWithin)
      .map(f => ({
        id: f.id,
        dueAt: followUpDueAt(calendar, doneAt, f.plan.followUpWithin!),
      }));
    return {
      done: { at: doneAt, by: actor, onTime: doneAt <= stored.dueAt, evidence },
      followUps,
      now,
    };
  }

  waive(
    stored: StoredOccurrence,
    version: number,
    reason: string,
    actor: string,
  ) {
    return this.options.store.waive(
      stored.id,
      version,
      { by: actor, reason },
      this.now(),
    );
  }
}
