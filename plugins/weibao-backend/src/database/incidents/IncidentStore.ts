import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { ColumnFilter } from '../permissionFilter';
import type {
  ClockMilestone,
  ClockStatus,
  IncidentClockAlert,
  IncidentEvent,
  IncidentState,
  IncidentStatus,
  IncidentTimelineEntry,
} from '@weibao/plugin-weibao-common';

/** An incident as stored: its folded state and when it last changed. */
export type StoredIncident = { state: IncidentState; updatedAt: number };

/** A clock's evaluated state, kept beside the incident for queries. */
export type ClockRow = {
  milestone: ClockMilestone;
  status: ClockStatus | 'retired';
  /** Neither met nor retired: it still counts (or is paused). */
  counting: boolean;
  /** How many targets the clock has had: alerts are per target. */
  targetSeq: number;
  dueAt: number | null;
  atRiskAt: number | null;
  breachedAt: number | null;
  metAt: number | null;
  /** When the sweep should next look at the clock; null when nothing can happen before a write. */
  nextAlertAt: number | null;
  calendarVersion: string;
};

/** A column that permission rules may restrict incidents by. */
export type IncidentFilter = ColumnFilter;

export type IncidentQuery = {
  systemRef?: string;
  hospitalRef?: string;
  /** Any of these owning groups. */
  ownerRefs?: string[];
  /** Any of these levels. */
  levels?: number[];
  statuses?: IncidentStatus[];
  breached?: boolean;
  atRisk?: boolean;
  reportedFrom?: number;
  reportedTo?: number;
  text?: string;
  /** Restriction from a conditional permission decision. */
  permission?: PermissionCriteria<IncidentFilter>;
};

export type IncidentPage = {
  items: StoredIncident[];
  totalCount: number;
  nextCursor?: string;
};

/** One system's incident figures for a team's overview, counted as the health summary counts them. */
export type SystemIncidentFigures = {
  openIncidents: number;
  awaitingConfirmation: number;
  /** Open incidents with a clock at risk and none breached. */
  atRisk: number;
  /** Open incidents with a breached clock still counting. */
  breached: number;
  /** The earliest due time of a clock still running and not yet due. */
  nextClockDueAt: number | null;
};

/** A clock of an incident under a contract that breached (or is still counting past its due time). */
export type BreachedClockRow = {
  incidentId: string;
  title: string;
  systemRef: string;
  milestone: ClockMilestone;
  /** When it became late: the breach instant, or the due time of a clock not yet re-evaluated. */
  lateFrom: number;
  metAt: number | null;
};

/** A clock the sweep should look at: its next alert instant has come. */
export type ClockToCheck = {
  incidentId: string;
  milestone: ClockMilestone;
  targetSeq: number;
};

/** A crossing the sweep found, to be recorded once. */
export type ClockAlert = {
  incidentId: string;
  milestone: ClockMilestone;
  targetSeq: number;
  kind: 'threshold' | 'breach';
  percent: number;
  at: number;
};

/**
 * Where incidents live. Every write appends timeline rows and replaces the current state in one
 * transaction, guarded by the incident's version.
 */
export interface IncidentStore {
  /** Stores a newly reported incident: its first timeline row, its state and its clocks. */
  create(
    event: Extract<IncidentEvent, { type: 'reported' }>,
    state: IncidentState,
    clocks: ClockRow[],
    now: number,
  ): Promise<StoredIncident>;

  /**
   * Appends events and writes the new state, if the stored version is still `expectedVersion`;
   * throws ConflictError otherwise and NotFoundError if there is no such incident.
   */
  append(
    id: string,
    expectedVersion: number,
    events: IncidentEvent[],
    state: IncidentState,
    clocks: ClockRow[],
    now: number,
  ): Promise<StoredIncident>;

  get(
    id: string,
    permission?: PermissionCriteria<IncidentFilter>,
  ): Promise<StoredIncident | undefined>;
  timeline(id: string): Promise<IncidentTimelineEntry[]>;
  events(ids: string[]): Promise<Map<string, IncidentEvent[]>>;
  alerts(id: string): Promise<IncidentClockAlert[]>;

  list(
    query: IncidentQuery,
    page: { limit: number; cursor?: string },
    now: number,
  ): Promise<IncidentPage>;

  /**
   * The incident figures of many systems in one query (grouped by system), for a team's
   * overview; systems without incidents are absent from the map.
   */
  healthBySystem(
    systemRefs: string[],
    now: number,
    permission?: PermissionCriteria<IncidentFilter>,
  ): Promise<Map<string, SystemIncidentFigures>>;

  /** Every breached clock of incidents under a contract, whatever their status, earliest first. */
  contractBreaches(
    contractRef: string,
    now: number,
    permission?: PermissionCriteria<IncidentFilter>,
  ): Promise<BreachedClockRow[]>;

  /** Clocks whose next alert instant has come by `now`. */
  clocksToCheck(now: number, limit: number): Promise<ClockToCheck[]>;
  /** Moves a clock's next alert instant, unless the clock was re-targeted meanwhile. */
  setNextAlert(clock: ClockToCheck, nextAlertAt: number | null): Promise<void>;
  /** Records an alert; true only for the caller that recorded it first. */
  recordAlert(alert: ClockAlert, now: number): Promise<boolean>;
  /** Ids of incidents that are not closed, in pages. */
  openIncidentIds(after: string | undefined, limit: number): Promise<string[]>;
  /** Replaces the stored clock rows of an incident (after a drift check). */
  rewriteClocks(id: string, clocks: ClockRow[]): Promise<void>;
  clockRows(ids: string[]): Promise<Map<string, ClockRow[]>>;
}
