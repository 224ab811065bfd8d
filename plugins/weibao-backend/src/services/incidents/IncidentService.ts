import { randomUUID } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  allowedIncidentActions,
  applyIncidentEvent,
  BusinessCalendar,
  CalendarOptions,
  DEFAULT_RECORD_TIME_RULES,
  erasedBreaches,
  RecordTimeRules,
  DEFAULT_WARNING_THRESHOLDS,
  evaluateIncidentClock,
  EvaluatedIncidentClock,
  fullEntityRef,
  Incident,
  IncidentAction,
  IncidentDetail,
  IncidentEvent,
  IncidentReport,
  IncidentState,
  IncidentTerms,
  incidentCalendars,
  incidentView,
  nextClockAlertAt,
} from '@weibao/plugin-weibao-common';
import {
  coveringContractTerms,
  hospitalSystem,
  teamMembers,
} from '../catalog/catalogLookup';
import { parseClaimedInstant, ruleErrorToHttp } from '../../request';
import { normaliseAction } from './actions';
import type { ContractAcceptanceStore } from '../../database/contracts/ContractAcceptanceStore';
import type {
  ClockRow,
  IncidentStore,
  StoredIncident,
} from '../../database/incidents/IncidentStore';

export type IncidentServiceOptions = {
  store: IncidentStore;
  catalog: CatalogService;
  calendarOptions: CalendarOptions;
  warningThresholds?: number[];
  /** How far back and ahead claimed times may lie (`weibao.record`). */
  recordTime?: RecordTimeRules;
  /** Final acceptances recorded in Weibao: they start contracts that run from acceptance. */
  acceptances?: ContractAcceptanceStore;
  /** The current instant; tests pass a fixed one. */
  now?: () => number;
};

/**
 * The incident use cases: reporting (with the covering contract's clocks), acting on an
 * incident, and the views the API returns. The router does authentication, permissions and
 * auditing around it.
 */
export class IncidentService {
  private readonly store: IncidentStore;
  private readonly catalog: CatalogService;
  private readonly calendarOptions: CalendarOptions;
  readonly warningThresholds: number[];
  readonly recordTime: RecordTimeRules;
  readonly acceptances?: ContractAcceptanceStore;
  readonly now: () => number;
  private readonly calendarCache = new Map<string, BusinessCalendar>();

  constructor(options: IncidentServiceOptions) {
    this.store = options.store;
    this.catalog = options.catalog;
    this.calendarOptions = options.calendarOptions;
    this.warningThresholds =
      options.warningThresholds ?? DEFAULT_WARNING_THRESHOLDS;
    this.recordTime = options.recordTime ?? DEFAULT_RECORD_TIME_RULES;
    this.acceptances = options.acceptances;
    this.now = options.now ?? Date.now;
  }

  /** Calendars for an incident's terms, shared across incidents with the same terms. */
  calendarsFor(
    terms: IncidentTerms | null,
  ): (name: string) => BusinessCalendar {
    const key = JSON.stringify([
      terms?.calendars ?? null,
      terms?.calendarOverrides ?? null,
    ]);
    const build = incidentCalendars(terms, this.calendarOptions);
    return name => {
      const cacheKey = `${name}\u0000${key}`;
      let calendar = this.calendarCache.get(cacheKey);
      if (!calendar) {
        calendar = build(name);
        if (this.calendarCache.size > 500) this.calendarCache.clear();
        this.calendarCache.set(cacheKey, calendar);
      }
      return calendar;
    };
  }

  evaluate(state: IncidentState, now: number): EvaluatedIncidentClock[] {
    const calendars = this.calendarsFor(state.terms);
    return state.clocks.map(clock =>
      evaluateIncidentClock(clock, calendars, now, this.warningThresholds),
    );
  }

  /** The rows kept beside the incident for queries and for the sweep. */
  clockRows(evaluated: EvaluatedIncidentClock[]): ClockRow[] {
    return evaluated.map(e => {
      const { clock, state, atRiskAt } = e;
      const retired = clock.retiredAt !== undefined;
      const counting = !retired && state.metAt === null;
      return {
        milestone: clock.milestone,
        status: retired ? 'retired' : state.status,
        counting,
        targetSeq: clock.history.targets.length,
        dueAt: state.dueAt,
        atRiskAt,
        breachedAt: retired ? null : state.breachedAt,
        metAt: state.metAt,
        nextAlertAt: nextClockAlertAt(e),
        calendarVersion: state.calendarVersion,
      };
    });
  }

  view(stored: StoredIncident, now = this.now()): Incident {
    return incidentView(
      stored.state,
      this.evaluate(stored.state, now),
      now,
      stored.updatedAt,
    );
  }

  async detail(
    stored: StoredIncident,
    now = this.now(),
  ): Promise<IncidentDetail> {
    const [timeline, alerts] = await Promise.all([
      this.store.timeline(stored.state.id),
      this.store.alerts(stored.state.id),
    ]);
    return {
      ...this.view(stored, now),
      timeline,
      alerts,
      allowedActions: allowedIncidentActions(stored.state),
    };
  }

  /** Reports an incident: the system and its contract come from the catalog. */
  async report(
    input: Omit<IncidentReport, 'occurredAt' | 'reportedAt'> & {
      occurredAt: string;
      reportedAt: string;
      /** An administrator's back-fill; the router has checked weibao.incident.backfill. */
      backfill?: { reason: string };
    },
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<StoredIncident> {
    const now = this.now();
    const { backfill, ...report } = input;
    const claimed = (field: 'occurredAt' | 'reportedAt') =>
      parseClaimedInstant(field, input[field], now, this.recordTime, {
        backfill: Boolean(backfill),
      });
    // both checked, so that a request wrong in both hears of both
    const times: Partial<Record<'reportedAt' | 'occurredAt', number>> = {};
    const problems: string[] = [];
    for (const field of ['reportedAt', 'occurredAt'] as const) {
      try {
        times[field] = claimed(field);
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    if (problems.length) throw new InputError(problems.join('; '));
    const reportedAt = times.reportedAt!;
    const occurredAt = times.occurredAt!;
    const system = await hospitalSystem(
      this.catalog,
      input.systemRef,
      credentials,
    );
    const systemRef = stringifyEntityRef(system);
    const hospitalRef = fullEntityRef(String(system.spec?.system), 'system');
    const ownerRef = fullEntityRef(String(system.spec?.owner), 'group');
    const assignees = await teamMembers(
      this.catalog,
      input.assignees ?? [],
      ownerRef,
      credentials,
      'assignees',
    );
    const { terms, noClocksReason, noClocksCode } = await coveringContractTerms(
      this.catalog,
      system,
      reportedAt,
      credentials,
      this.acceptances && (refs => this.acceptances!.acceptedOn(refs)),
    );
    if (backfill && !terms) {
      throw new InputError(
        `reportedAt: a back-fill must fall within the covering contract's period, and ${noClocksReason}`,
      );
    }
    const event: Extract<IncidentEvent, { type: 'reported' }> = {
      type: 'reported',
      at: reportedAt,
      actor,
      payload: {
        ...report,
        id: randomUUID(),
        systemRef,
        hospitalRef,
        ownerRef,
        assignees,
        occurredAt,
        reportedAt,
        terms,
        ...(noClocksReason ? { noClocksReason } : {}),
        ...(noClocksCode ? { noClocksCode } : {}),
        enteredAt: now,
        ...(backfill ? { backfill } : {}),
      },
    };
    let state: IncidentState;
    try {
      state = applyIncidentEvent(undefined, event);
    } catch (e) {
      return ruleErrorToHttp(e);
    }
    const rows = this.clockRows(this.evaluate(state, now));
    return this.store.create(event, state, rows, now);
  }

  /** One change to an incident, based on the version the caller saw. */
  async act(
    id: string,
    version: number,
    action: IncidentAction,
    atInput: string | undefined,
    actor: string,
    mayUpdate: (incident: IncidentState) => boolean = () => true,
    credentials?: BackstageCredentials,
  ): Promise<StoredIncident> {
    const now = this.now();
    const stored = await this.store.get(id);
    if (!stored) throw new NotFoundError(`no incident ${id}`);
    if (!mayUpdate(stored.state)) {
      throw new NotAllowedError(
        `weibao.incident.update: ${actor} may not change incidents on ${stored.state.systemRef} (owned by ${stored.state.ownerRef})`,
      );
    }
    if (stored.state.version !== version) {
      throw new ConflictError(
        `version: the incident is at version ${stored.state.version}, not ${version}; reload it and try again`,
      );
    }
    const at = atInput
      ? parseClaimedInstant('at', atInput, now, this.recordTime)
      : now;
    const normalised = normaliseAction(action);
    if (credentials && 'assignees' in normalised && normalised.assignees) {
      // engineers of the team owning the system, as when it was reported
      await teamMembers(
        this.catalog,
        normalised.assignees,
        stored.state.ownerRef,
        credentials,
        'assignees',
      );
    }
    const event = {
      type: normalised.type,
      at,
      actor,
      payload: withoutType(normalised),
    } as IncidentEvent;
    let state: IncidentState;
    const events: IncidentEvent[] = [event];
    try {
      state = applyIncidentEvent(stored.state, event);
      // A breach on the record when the action is entered is final: a backdated action that
      // would erase it records a dispute beside it instead (issue 14).
      const erased = erasedBreaches(
        this.breaches(stored.state, now),
        this.breaches(state, now),
      );
      if (erased.length) {
        const dispute: IncidentEvent = {
          type: 'breach-disputed',
          at: now,
          actor,
          payload: {
            action: normalised.type,
            claimedAt: at,
            enteredAt: now,
            breaches: erased,
          },
        };
        state = applyIncidentEvent(state, dispute);
        events.push(dispute);
      }
    } catch (e) {
      return ruleErrorToHttp(e);
    }
    const rows = this.clockRows(this.evaluate(state, now));
    return this.store.append(id, version, events, state, rows, now);
  }

  /** Each live clock's breach instant at `now` (null when not breached). */
  private breaches(state: IncidentState, now: number) {
    return this.evaluate(state, now)
      .filter(e => e.clock.retiredAt === undefined)
      .map(e => ({
        milestone: e.clock.milestone,
        breachedAt: e.state.breachedAt,
      }));
  }
}

function withoutType(action: IncidentAction): Record<string, unknown> {
  const { type: _type, ...rest } = action;
  return rest;
}
