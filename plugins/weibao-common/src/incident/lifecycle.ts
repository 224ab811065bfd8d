import { refuseInput, refuseState } from '../rules/RuleError';
import {
  clocksOfLevel,
  isCounting,
  levelOf,
  meet,
  pauseAt,
  regrade,
  reopenClocks,
  resumeAt,
} from './clocks';
import { applyBreachDispute } from './record';
import type { IncidentAction, IncidentEvent } from './timeline';
import { MEETS, NEXT_STATUS, refuseUnlessAllowed } from './transitions';
import type { IncidentState } from './types';

/*
 * The incident's reducer: folds its timeline, event by event, into its state. Which actions a
 * status allows is in ./transitions, what they do to the clocks in ./clocks, and the rules of
 * time on the record (breach disputes) in ./record.
 */

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
  refuseUnlessAllowed(state, action.type);
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
      return {
        ...reopenClocks(next, at, action.reason),
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
      return pauseAt(next, at, action.reason);
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
