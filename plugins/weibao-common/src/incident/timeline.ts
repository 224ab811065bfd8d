import type { ClockMilestone } from '../contract/types';
import type { IncidentReport, IncidentState, RootCauseCategory } from './types';

/*
 * An incident's append-only timeline: the actions a request names and the events they become,
 * with the two events no request names directly (the report, and a breach dispute).
 */

/**
 * A change to an incident, as a request names it. Each becomes one timeline event.
 *
 * @public
 */
export type IncidentAction =
  | { type: 'acknowledge' }
  | { type: 'dispatch'; assignees?: string[] }
  | { type: 'arrive' }
  | { type: 'grant-remote-permission'; grantedBy: string; note?: string }
  | { type: 'start-remote' }
  | {
      type: 'resolve';
      method: string;
      result: string;
      rootCause?: RootCauseCategory;
    }
  | { type: 'confirm'; confirmedBy: string; note?: string }
  | { type: 'close'; rootCause?: RootCauseCategory }
  | { type: 'reopen'; reason: string }
  | { type: 'regrade'; level: number; reason: string }
  | { type: 'pause'; reason: string }
  | { type: 'resume' }
  | { type: 'note'; text: string }
  | { type: 'reassign'; assignees: string[] };

/** @public */
export type IncidentActionType = IncidentAction['type'];

/** @public */
export const INCIDENT_ACTION_TYPES: ReadonlyArray<IncidentActionType> = [
  'acknowledge',
  'dispatch',
  'arrive',
  'grant-remote-permission',
  'start-remote',
  'resolve',
  'confirm',
  'close',
  'reopen',
  'regrade',
  'pause',
  'resume',
  'note',
  'reassign',
];

/**
 * One row of an incident's append-only timeline.
 *
 * @public
 */
export type IncidentEvent =
  | {
      type: 'reported';
      at: number;
      actor: string;
      /** The report, the incident's identity and the terms the clocks came from. */
      /** The report, with what the server settled when it was entered (see IncidentState). */
      payload: IncidentReport &
        Pick<
          IncidentState,
          | 'id'
          | 'hospitalRef'
          | 'ownerRef'
          | 'terms'
          | 'noClocksReason'
          | 'noClocksCode'
          | 'enteredAt'
          | 'backfill'
        >;
    }
  | {
      /**
       * A backdated action claimed a time before breaches already on the record: the breaches
       * stay final and the dispute is kept (claimed time, entered time, the breaches).
       */
      type: 'breach-disputed';
      at: number;
      actor: string;
      payload: {
        action: IncidentActionType;
        claimedAt: number;
        enteredAt: number;
        breaches: Array<{ milestone: ClockMilestone; breachedAt: number }>;
      };
    }
  | (IncidentAction extends infer A
      ? A extends { type: infer T }
        ? { type: T; at: number; actor: string; payload: Omit<A, 'type'> }
        : never
      : never);

/** @public */
export type IncidentEventType = IncidentEvent['type'];
