import type { ClockMilestone } from '../contract/types';
import type { ClockStatus } from '../sla/clock';

/*
 * The API shape of a hospital system's health summary; its incident section is computed by
 * ./health (summariseIncidentHealth).
 */

/** An open obligation occurrence as the health summary shows it. @public */
export type SystemHealthDuty = {
  id: string;
  kind: string;
  followUpKind: string | null;
  description: string | null;
  dueAt: string;
  state: string;
};

/** `GET /systems/{kind}/{namespace}/{name}/health`. @public */
export type SystemHealth = {
  systemRef: string;
  evaluatedAt: string;
  openIncidents: number;
  openByLevel: Record<string, number>;
  /**
   * What the contract an open incident was reported under calls its level, by level (e.g.
   * `{ "1": "系统灾难故障" }`); levels of incidents without a contract are absent.
   */
  levelNames: Record<string, string>;
  awaitingConfirmation: number;
  atRisk: number;
  breached: number;
  runningClocks: Array<{
    incidentId: string;
    title: string;
    level: number;
    milestone: ClockMilestone;
    dueAt: string | null;
    status: ClockStatus;
    atRisk: boolean;
  }>;
  /**
   * Obligation occurrences concerning the system: overdue, due within the lead time, the next
   * few not yet overdue, and the soonest open inspection and drill (overdue or not).
   */
  obligations: {
    overdue: number;
    dueSoon: number;
    next: SystemHealthDuty[];
    nextInspection: SystemHealthDuty | null;
    nextDrill: SystemHealthDuty | null;
  };
  /** Upgrade plans not finished yet, and the next one with its missing gates. */
  upgrades: {
    inFlight: number;
    next: {
      id: string;
      title: string;
      toVersion: string;
      status: string;
      windowStart: string;
      windowEnd: string;
      missingGates: string[];
    } | null;
  };
  /** The last drill and its result, and drill obligations overdue. */
  drills: {
    overdue: number;
    last: {
      id: string;
      scenario: string;
      performedAt: string;
      passed: boolean;
      recoveryMinutes: number;
      targetMinutes: number;
    } | null;
  };
  /** For a CA system with a register: certificates expiring within 60 days, expired, the next expiry. */
  certificates: {
    expiringSoon: number;
    expired: number;
    nextExpiry: string | null;
  } | null;
};
