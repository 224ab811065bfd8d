import type { ClockMilestone, SeverityLevel } from '../contract/types';
import type {
  IncidentAction,
  IncidentActionType,
  IncidentClock,
  IncidentEvent,
  IncidentState,
  IncidentStatus,
} from './types';
import { OPEN_INCIDENT_STATUSES } from './types';
import { applyBreachDispute } from './record';

import { refuseInput, refuseState } from '../rules/RuleError';

/** The statuses from which each action may be taken. */
const ALLOWED_FROM: Record<
  IncidentActionType,
  ReadonlyArray<IncidentStatus>
> = {
  acknowledge: ['reported'],
  dispatch: ['acknowledged'],
  arrive: ['dispatched'],
  'grant-remote-permission': OPEN_INCIDENT_STATUSES,
  'start-remote': ['acknowledged', 'dispatched'],
  resolve: ['acknowledged', 'dispatched', 'on-site', 'remote'],
  confirm: ['resolved'],
  close: ['confirmed'],
  reopen: ['resolved', 'confirmed', 'closed'],
  regrade: [...OPEN_INCIDENT_STATUSES, 'resolved', 'confirmed'],
  pause: ['acknowledged', 'dispatched', 'on-site', 'remote'],
  resume: ['acknowledged', 'dispatched', 'on-site', 'remote'],
  note: [...OPEN_INCIDENT_STATUSES, 'resolved', 'confirmed', 'closed'],
  reassign: [...OPEN_INCIDENT_STATUSES, 'resolved', 'confirmed'],
};

/** What each action needs first, in words, for the refusal message. */
const FIRST: Partial<Record<IncidentActionType, string>> = {
  dispatch: 'acknowledge it first',
  arrive: 'dispatch an engineer first',
  'start-remote': 'acknowledge it first',
  resolve: 'acknowledge it first',
  confirm: 'resolve it first',
  close: 'the hospital must confirm the resolution first',
  reopen: 'only a resolved, confirmed or closed incident can be reopened',
  pause: 'acknowledge it first',
};

/** The milestones each action meets: their clocks stop at the event's time. */
const MEETS: Partial<Record<IncidentActionType, ClockMilestone[]>> = {
  acknowledge: ['response'],
  dispatch: ['dispatch'],
  arrive: ['dispatch', 'arrival'],
  // Remote service starts the work: the engineer need not depart nor arrive.
  'start-remote': ['dispatch', 'arrival'],
  // Resolution ends every clock still running: a fault fixed by phone needs no visit.
  resolve: ['response', 'dispatch', 'arrival', 'solution', 'resolution'],
};

const NEXT_STATUS: Partial<Record<IncidentActionType, IncidentStatus>> = {
  acknowledge: 'acknowledged',
  dispatch: 'dispatched',
  arrive: 'on-site',
  'start-remote': 'remote',
  resolve: 'resolved',
  confirm: 'confirmed',
  close: 'closed',
  reopen: 'acknowledged',
};

/** The actions the incident's current state allows. @public */
export function allowedIncidentActions(
  state: IncidentState,
): IncidentActionType[] {
  return (Object.keys(ALLOWED_FROM) as IncidentActionType[]).filter(type => {
    if (!ALLOWED_FROM[type].includes(state.status)) return false;
    switch (type) {
      case 'pause':
        return !state.pause && state.clocks.some(isCounting);
      case 'resume':
        return Boolean(state.pause);
      case 'start-remote':
        return Boolean(state.remotePermission);
      case 'close':
        return true;
      default:
        return true;
    }
  });
}

function isCounting(clock: IncidentClock): boolean {
  return clock.history.stoppedAt === undefined && clock.retiredAt === undefined;
}

/** The clocks a level of the contract sets, started at the report. */
function clocksOfLevel(
  level: Pick<SeverityLevel, 'clocks'>,
  at: number,
  startedAt: number,
): IncidentClock[] {
  return level.clocks.map(c => ({
    milestone: c.milestone,
    history: {
      startedAt,
      targets: [{ at, target: c.target, calendar: c.calendar }],
      pauses: [],
    },
  }));
}

function levelOf(state: Pick<IncidentState, 'terms'>, level: number) {
  const levels = state.terms?.levels;
  if (!levels) return undefined;
  const found = levels.find(l => l.level === level);
  if (!found) {
    throw refuseInput(
      'level',
      `${level} is not a level of contract ${
        state.terms!.contractRef
      } (levels ${levels.map(l => l.level).join(', ')})`,
    );
  }
  return found;
}

function withClocks(
  state: IncidentState,
  change: (clock: IncidentClock) => IncidentClock,
): IncidentState {
  return { ...state, clocks: state.clocks.map(change) };
}

/** Closes the open pause at `at` on every clock that has it, and on the incident. */
function resumeAt(state: IncidentState, at: number): IncidentState {
  if (!state.pause) return state;
  const close = <P extends { to?: number }>(pauses: ReadonlyArray<P>): P[] => {
    const last = pauses[pauses.length - 1];
    if (!last || last.to !== undefined) return [...pauses];
    return [...pauses.slice(0, -1), { ...last, to: at }];
  };
  return {
    ...withClocks(state, clock => ({
      ...clock,
      history: { ...clock.history, pauses: close(clock.history.pauses) },
    })),
    pauses: close(state.pauses),
    pause: undefined,
  };
}

function meet(
  state: IncidentState,
  milestones: ClockMilestone[],
  at: number,
): IncidentState {
  const passed = { ...state.milestones };
  for (const m of milestones) passed[m] ??= at;
  return {
    ...withClocks(state, clock =>
      milestones.includes(clock.milestone) && isCounting(clock)
        ? { ...clock, history: { ...clock.history, stoppedAt: at } }
        : clock,
    ),
    milestones: passed,
  };
}

/** The incident as first reported. */
function reported(
  event: Extract<IncidentEvent, { type: 'reported' }>,
): IncidentState {
  const p = event.payload;
  const base: IncidentState = {
    id: p.id,
    systemRef: p.systemRef,
    hospitalRef: p.hospitalRef,
    ownerRef: p.ownerRef,
    terms: p.terms,
    noClocksReason: p.noClocksReason,
    ...(p.noClocksCode ? { noClocksCode: p.noClocksCode } : {}),
    ...(p.enteredAt !== undefined ? { enteredAt: p.enteredAt } : {}),
    ...(p.backfill ? { backfill: p.backfill } : {}),
    title: p.title,
    symptoms: p.symptoms,
    module: p.module,
    impact: {
      modules: p.impact?.modules ?? [],
      processes: p.impact?.processes ?? [],
      userGroups: p.impact?.userGroups ?? [],
    },
    reporter: p.reporter,
    channel: p.channel,
    type: p.type,
    urgency: p.urgency,
    level: p.level,
    status: 'reported',
    occurredAt: p.occurredAt,
    reportedAt: p.reportedAt,
    assignees: p.assignees ?? [],
    clocks: [],
    milestones: {},
    pauses: [],
    createdBy: event.actor,
    lastEventAt: Math.max(event.at, p.reportedAt),
    version: 1,
  };
  if (p.occurredAt > p.reportedAt) {
    throw refuseInput(
      'occurredAt',
      'the fault cannot occur after it was reported',
    );
  }
  const level = levelOf(base, p.level);
  return level
    ? { ...base, clocks: clocksOfLevel(level, p.reportedAt, p.reportedAt) }
    : base;
}

/** Applies one action to the state; throws RuleError when the rules refuse it. */
function apply(
  state: IncidentState,
  action: IncidentAction,
  at: number,
  actor: string,
): IncidentState {
  if (!ALLOWED_FROM[action.type].includes(state.status)) {
    throw refuseState(
      `cannot ${action.type} an incident that is ${state.status}${
        FIRST[action.type] ? `; ${FIRST[action.type]}` : ''
      }`,
    );
  }
  let next: IncidentState = state;
  const meets = MEETS[action.type];
  if (meets) next = meet(resumeAt(next, at), meets, at);
  const status = NEXT_STATUS[action.type];
  if (status) next = { ...next, status };

  switch (action.type) {
    case 'acknowledge':
      return { ...next, acknowledgedBy: actor };
    case 'dispatch':
      return action.assignees?.length
        ? { ...next, assignees: action.assignees }
        : next;
    case 'arrive':
      return next;
    case 'grant-remote-permission':
      return {
        ...next,
        remotePermission: {
          grantedBy: action.grantedBy,
          at,
          ...(action.note ? { note: action.note } : {}),
        },
      };
    case 'start-remote':
      if (!state.remotePermission) {
        throw refuseState(
          'remote service needs the hospital’s permission first (grant-remote-permission)',
        );
      }
      return next;
    case 'resolve':
      return {
        ...next,
        resolution: { method: action.method, result: action.result },
        rootCause: action.rootCause ?? next.rootCause,
      };
    case 'confirm':
      return {
        ...next,
        confirmation: {
          confirmedBy: action.confirmedBy,
          at,
          ...(action.note ? { note: action.note } : {}),
        },
      };
    case 'close': {
      const rootCause = action.rootCause ?? next.rootCause;
      if (!rootCause) {
        throw refuseInput(
          'rootCause',
          'a closed incident needs its root-cause category',
        );
      }
      return { ...next, rootCause };
    }
    case 'reopen':
      // The resolution clocks count again from the reopening; the time the hospital took the
      // fault as fixed does not count against the vendor (a pause with the reopening's reason).
      return {
        ...withClocks(next, clock => {
          const { stoppedAt } = clock.history;
          if (
            stoppedAt === undefined ||
            !['resolution', 'solution'].includes(clock.milestone) ||
            clock.retiredAt !== undefined
          )
            return clock;
          return {
            ...clock,
            history: {
              ...clock.history,
              stoppedAt: undefined,
              pauses: [
                ...clock.history.pauses,
                {
                  from: stoppedAt,
                  to: at,
                  reason: `resolved, then reopened: ${action.reason}`,
                },
              ],
            },
          };
        }),
        milestones: {
          ...next.milestones,
          resolution: undefined,
          solution: undefined,
        },
        resolution: undefined,
        confirmation: undefined,
      };
    case 'regrade':
      return regrade(next, action.level, action.reason, at);
    case 'pause':
      if (state.pause) {
        throw refuseState('the clocks are already paused; resume them first');
      }
      if (!state.clocks.some(isCounting)) {
        throw refuseState('no clock is running, so there is nothing to pause');
      }
      return {
        ...withClocks(next, clock =>
          isCounting(clock)
            ? {
                ...clock,
                history: {
                  ...clock.history,
                  pauses: [
                    ...clock.history.pauses,
                    { from: at, reason: action.reason },
                  ],
                },
              }
            : clock,
        ),
        pause: { from: at, reason: action.reason },
        pauses: [...next.pauses, { from: at, reason: action.reason }],
      };
    case 'resume':
      if (!state.pause) throw refuseState('the clocks are not paused');
      return resumeAt(next, at);
    case 'note':
      return next;
    case 'reassign':
      return { ...next, assignees: action.assignees };
    default:
      throw refuseInput(
        'type',
        `unknown action ${(action as { type: string }).type}`,
      );
  }
}

/**
 * Re-grading: the new level's clocks count from the original report (retroactive); every
 * target stays in the clock's history. Clocks the new level does not have are retired;
 * clocks only the new level has are added, with the pauses so far and stopped if their
 * milestone was already met.
 */
function regrade(
  state: IncidentState,
  levelNumber: number,
  reason: string,
  at: number,
): IncidentState {
  if (levelNumber === state.level) {
    throw refuseInput('level', `the incident is already level ${levelNumber}`);
  }
  const level = levelOf(state, levelNumber);
  if (!level) return { ...state, level: levelNumber };
  const existing = new Map(state.clocks.map(c => [c.milestone, c]));
  const clocks: IncidentClock[] = [];
  for (const clock of state.clocks) {
    const term = level.clocks.find(c => c.milestone === clock.milestone);
    if (!term) {
      clocks.push(
        clock.retiredAt === undefined ? { ...clock, retiredAt: at } : clock,
      );
      continue;
    }
    const target = { at, target: term.target, calendar: term.calendar, reason };
    if (clock.retiredAt === undefined) {
      clocks.push({
        ...clock,
        history: {
          ...clock.history,
          targets: [...clock.history.targets, target],
        },
      });
      continue;
    }
    // revived: it takes the pauses of its retirement and stops where its milestone was met
    const retiredAt = clock.retiredAt;
    const passedAt = state.milestones[clock.milestone];
    clocks.push({
      milestone: clock.milestone,
      history: {
        ...clock.history,
        targets: [...clock.history.targets, target],
        pauses: [
          ...clock.history.pauses,
          ...state.pauses.filter(p => p.from >= retiredAt),
        ],
        ...(clock.history.stoppedAt === undefined && passedAt !== undefined
          ? { stoppedAt: passedAt }
          : {}),
      },
    });
  }
  for (const term of level.clocks) {
    if (existing.has(term.milestone)) continue;
    const passedAt = state.milestones[term.milestone];
    clocks.push({
      milestone: term.milestone,
      history: {
        startedAt: state.reportedAt,
        targets: [{ at, target: term.target, calendar: term.calendar, reason }],
        pauses: [...state.pauses],
        // a milestone the incident already passed (e.g. a dispatch clock added after departure)
        ...(passedAt !== undefined ? { stoppedAt: passedAt } : {}),
      },
    });
  }
  return { ...state, level: levelNumber, clocks };
}

/**
 * Folds one timeline event into the incident's state. Pure: replaying an incident's timeline
 * from the start gives its current state, which is how the backend checks stored states.
 *
 * @public
 */
export function applyIncidentEvent(
  state: IncidentState | undefined,
  event: IncidentEvent,
): IncidentState {
  if (event.type === 'reported') {
    if (state) throw refuseState('the incident was already reported');
    return reported(event);
  }
  if (!state) throw refuseState('the incident was never reported');
  if (event.type === 'breach-disputed') return applyBreachDispute(state, event);
  if (event.at < state.lastEventAt) {
    throw refuseInput(
      'at',
      `${new Date(
        event.at,
      ).toISOString()} is before the incident's last event (${new Date(
        state.lastEventAt,
      ).toISOString()})`,
    );
  }
  const action = { type: event.type, ...event.payload } as IncidentAction;
  const next = apply(state, action, event.at, event.actor);
  return { ...next, lastEventAt: event.at, version: state.version + 1 };
}

/** Replays a whole timeline. @public */
export function replayIncident(
  events: ReadonlyArray<IncidentEvent>,
): IncidentState {
  let state: IncidentState | undefined;
  for (const event of events) state = applyIncidentEvent(state, event);
  if (!state) throw refuseState('the incident has no timeline');
  return state;
}
