import type { SystemIncidentHealth } from './health';

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
export type SystemHealth = Omit<SystemIncidentHealth, 'runningClocks'> & {
  systemRef: string;
  evaluatedAt: string;
  openIncidents: number;
  /** The counting clocks of open incidents as the card shows them, soonest due first. */
  runningClocks: Array<
    Omit<
      SystemIncidentHealth['runningClocks'][number],
      'dueAt' | 'atRiskAt'
    > & {
      dueAt: string | null;
      atRisk: boolean;
    }
  >;
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
