import type { ClockMilestone } from '../contract/types';
import { refuseState } from '../rules/RuleError';
import { isCounting } from './clocks';
import type { IncidentActionType } from './timeline';
import type { IncidentState, IncidentStatus } from './types';
import { OPEN_INCIDENT_STATUSES } from './types';

/*
 * The incident's transitions: the statuses each action may be taken from and what it needs
 * first, the status it leads to and the milestones it meets; and the actions a state allows.
 */

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

/** Throws RuleError when the incident's status does not allow the action. */
export function refuseUnlessAllowed(
  state: IncidentState,
  type: IncidentActionType,
): void {
  if (!ALLOWED_FROM[type].includes(state.status)) {
    throw refuseState(
      `cannot ${type} an incident that is ${state.status}${
        FIRST[type] ? `; ${FIRST[type]}` : ''
      }`,
    );
  }
}

/** The milestones each action meets: their clocks stop at the event's time. */
export const MEETS: Partial<Record<IncidentActionType, ClockMilestone[]>> = {
  acknowledge: ['response'],
  dispatch: ['dispatch'],
  arrive: ['dispatch', 'arrival'],
  // Remote service starts the work: the engineer need not depart nor arrive.
  'start-remote': ['dispatch', 'arrival'],
  // Resolution ends every clock still running: a fault fixed by phone needs no visit.
  resolve: ['response', 'dispatch', 'arrival', 'solution', 'resolution'],
};

/** The status each action leads to; the others leave it as it is. */
export const NEXT_STATUS: Partial<Record<IncidentActionType, IncidentStatus>> =
  {
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
