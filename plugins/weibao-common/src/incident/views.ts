import { BusinessCalendar } from '../calendar/BusinessCalendar';
import { CalendarOptions, contractCalendar } from '../calendar/calendars';
import { DEFAULT_WARNING_THRESHOLDS, evaluateClock } from '../sla/clock';
import type { ClockState } from '../sla/clock';
import { clockStanding } from './clockStanding';
import type { Incident, IncidentClockView } from './apiShapes';
import type { IncidentClock, IncidentState, IncidentTerms } from './types';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : iso(ms);

/**
 * Resolves the calendars an incident's clocks name, from the terms it was opened under.
 * Calendars are built once per name.
 *
 * @public
 */
export function incidentCalendars(
  terms: Pick<IncidentTerms, 'calendars' | 'calendarOverrides'> | null,
  options: CalendarOptions = {},
): (name: string) => BusinessCalendar {
  const built = new Map<string, BusinessCalendar>();
  return name => {
    let calendar = built.get(name);
    if (!calendar) {
      calendar = contractCalendar(name, terms ?? undefined, options);
      built.set(name, calendar);
    }
    return calendar;
  };
}

/**
 * A clock's state plus what a store keeps beside it for queries: when it falls due and when
 * it is at risk (its last warning threshold reached).
 *
 * @public
 */
export type EvaluatedIncidentClock = {
  clock: IncidentClock;
  state: ClockState;
  atRiskAt: number | null;
};

/** @public */
export function evaluateIncidentClock(
  clock: IncidentClock,
  calendars: (name: string) => BusinessCalendar,
  now: number,
  warningThresholds: number[] = DEFAULT_WARNING_THRESHOLDS,
): EvaluatedIncidentClock {
  const evaluated = evaluateClock(calendars, clock.history, now, {
    warningThresholds,
  });
  // A breach observed on the record stays final, whatever a later backdated action claims.
  const final = clock.finalBreachAt;
  let state = evaluated;
  if (
    final !== undefined &&
    final <= now &&
    (evaluated.breachedAt === null || evaluated.breachedAt > final)
  ) {
    const disputedAt = clock.disputedAt ?? final;
    state = {
      ...evaluated,
      status: 'breached',
      breachedAt: final,
      metAt:
        evaluated.metAt === null ? null : Math.max(evaluated.metAt, disputedAt),
    };
  }
  const last = state.thresholdsAt[state.thresholdsAt.length - 1];
  return { clock, state, atRiskAt: last?.at ?? null };
}

/** Whether a running clock has reached its last warning threshold without breaching. @public */
export function isClockAtRisk(
  evaluated: EvaluatedIncidentClock,
  now: number,
): boolean {
  const { state, atRiskAt, clock } = evaluated;
  return (
    clock.retiredAt === undefined &&
    clockStanding({ ...state, atRiskAt }, now) === 'atRisk'
  );
}

/** @public */
export function incidentClockView(
  evaluated: EvaluatedIncidentClock,
  now: number,
): IncidentClockView {
  const { clock, state } = evaluated;
  const targets = clock.history.targets;
  const current = targets[targets.length - 1];
  return {
    milestone: clock.milestone,
    target: current.target,
    calendar: current.calendar ?? '24x7',
    status: clock.retiredAt !== undefined ? 'retired' : state.status,
    dueAt: isoOrNull(state.dueAt),
    elapsedMs: state.elapsedMs,
    remainingMs: state.remainingMs,
    percentElapsed: Math.round(state.percentElapsed * 10) / 10,
    atRisk: isClockAtRisk(evaluated, now),
    breachedAt: isoOrNull(state.breachedAt),
    metAt: isoOrNull(state.metAt),
    calendarVersion: state.calendarVersion,
    warnings: state.warnings,
    targets: targets.map(t => ({
      at: iso(t.at),
      target: t.target,
      calendar: t.calendar ?? '24x7',
    })),
    pauses: clock.history.pauses.map(p => ({
      from: iso(p.from),
      to: isoOrNull(p.to),
      reason: p.reason,
    })),
  };
}

/**
 * The API view of an incident at `now`, its clocks evaluated by the SLA engine.
 *
 * @public
 */
export function incidentView(
  state: IncidentState,
  evaluated: EvaluatedIncidentClock[],
  now: number,
  updatedAt: number,
): Incident {
  return {
    id: state.id,
    version: state.version,
    systemRef: state.systemRef,
    hospitalRef: state.hospitalRef,
    ownerRef: state.ownerRef,
    contractRef: state.terms?.contractRef ?? null,
    noClocksReason: state.noClocksReason ?? null,
    noClocksCode: state.noClocksCode ?? null,
    enteredAt: state.enteredAt !== undefined ? iso(state.enteredAt) : null,
    backfill: state.backfill ?? null,
    title: state.title,
    symptoms: state.symptoms,
    module: state.module ?? null,
    impact: state.impact,
    reporter: state.reporter,
    channel: state.channel,
    type: state.type,
    urgency: state.urgency,
    level: state.level,
    levelName:
      state.terms?.levels.find(l => l.level === state.level)?.name ?? null,
    status: state.status,
    occurredAt: iso(state.occurredAt),
    reportedAt: iso(state.reportedAt),
    assignees: state.assignees,
    rootCause: state.rootCause ?? null,
    resolution: state.resolution ?? null,
    remotePermission: state.remotePermission
      ? { ...state.remotePermission, at: iso(state.remotePermission.at) }
      : null,
    confirmation: state.confirmation
      ? { ...state.confirmation, at: iso(state.confirmation.at) }
      : null,
    paused: state.pause
      ? { from: iso(state.pause.from), reason: state.pause.reason }
      : null,
    clocks: evaluated.map(e => incidentClockView(e, now)),
    createdBy: state.createdBy,
    updatedAt: iso(updatedAt),
  };
}
