import type {
  CalendarOverride,
  ClockMilestone,
  ContractCalendar,
  Duration,
  ServiceChannel,
  SeverityLevel,
} from '../contract/types';
import type { ClockHistory, ClockStatus } from '../sla/clock';

/**
 * Where an incident (故障/问题) stands. `on-site` and `remote` are the two ways service is
 * delivered after dispatch; `remote` needs the hospital's recorded permission.
 *
 * @public
 */
export const INCIDENT_STATUSES = [
  'reported', // 已报告
  'acknowledged', // 已受理
  'dispatched', // 已派工(工程师出发)
  'on-site', // 现场处理
  'remote', // 远程处理
  'resolved', // 已解决
  'confirmed', // 医院已确认
  'closed', // 已关闭
] as const;

/** @public */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Statuses in which the vendor still owes work: counted as open. @public */
export const OPEN_INCIDENT_STATUSES: ReadonlyArray<IncidentStatus> = [
  'reported',
  'acknowledged',
  'dispatched',
  'on-site',
  'remote',
];

/** Problem type: A ordinary request (需求) / B complaint (投诉). @public */
export const INCIDENT_TYPES = ['request', 'complaint'] as const;
/** @public */
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** Urgency: A ordinary (一般) / B urgent (紧急) / C very urgent (非常紧急). @public */
export const INCIDENT_URGENCIES = [
  'ordinary',
  'urgent',
  'very-urgent',
] as const;
/** @public */
export type IncidentUrgency = (typeof INCIDENT_URGENCIES)[number];

/** Root-cause category (原因分类). @public */
export const ROOT_CAUSE_CATEGORIES = [
  'product-defect', // 产品缺陷
  'program-error', // 程序错误
  'operator-error', // 操作失误
  'other',
] as const;
/** @public */
export type RootCauseCategory = (typeof ROOT_CAUSE_CATEGORIES)[number];

/** The channels a fault can be reported through. @public */
export const INCIDENT_CHANNELS = [
  'hotline',
  'on-call',
  'remote',
  'on-site',
  'web-platform',
  'im-group',
  'email',
] as const satisfies ReadonlyArray<ServiceChannel['kind']>;
/** @public */
export type IncidentChannel = (typeof INCIDENT_CHANNELS)[number];

/** Scope of impact (影响范围). @public */
export type IncidentImpact = {
  modules: string[];
  processes: string[];
  userGroups: string[];
};

/**
 * The contract terms an incident was opened under, copied from the covering contract when the
 * incident is reported so that its clocks can be recomputed later from its own history, even
 * if the contract entity changes.
 *
 * @public
 */
export type IncidentTerms = {
  contractRef: string;
  /** The contract's vendor group: breaches are escalated to it (问题升级). */
  vendorRef: string;
  levels: Array<Pick<SeverityLevel, 'level' | 'name' | 'clocks'>>;
  calendars?: ContractCalendar[];
  calendarOverrides?: CalendarOverride[];
};

/**
 * One contract clock of an incident: its milestone and the history the SLA engine evaluates.
 *
 * @public
 */
export type IncidentClock = {
  milestone: ClockMilestone;
  history: ClockHistory;
  /** Set when a re-grade moved the incident to a level without this clock. */
  retiredAt?: number;
  /**
   * A breach observed on the record before a backdated action claimed otherwise
   * (`breach-disputed`): final, the clock shows breached from this instant whatever its history
   * says now.
   */
  finalBreachAt?: number;
  /**
   * When the dispute was entered: a milestone the disputed action claims to have met earlier
   * counts as met no earlier than this on the record (the penalty figures use it).
   */
  disputedAt?: number;
};

/**
 * An incident's current state, as folded from its timeline. Instants are epoch milliseconds.
 *
 * @public
 */
export type IncidentState = {
  id: string;
  systemRef: string;
  hospitalRef: string;
  ownerRef: string;
  terms: IncidentTerms | null;
  /** Why the incident has no clocks, when it has none. */
  noClocksReason?: string;
  /** The same as a code the frontend translates. */
  noClocksCode?: NoClocksCode;
  /** When the report was entered (server time); `reportedAt` is the time it claims. */
  enteredAt?: number;
  /** Set when an administrator back-filled a report older than the configured bound. */
  backfill?: { reason: string };
  title: string;
  symptoms: string;
  module?: string;
  impact: IncidentImpact;
  reporter: { name: string; contact: string };
  channel: IncidentChannel;
  type: IncidentType;
  urgency: IncidentUrgency;
  level: number;
  status: IncidentStatus;
  occurredAt: number;
  reportedAt: number;
  assignees: string[];
  acknowledgedBy?: string;
  rootCause?: RootCauseCategory;
  resolution?: { method: string; result: string };
  remotePermission?: { grantedBy: string; at: number; note?: string };
  confirmation?: { confirmedBy: string; at: number; note?: string };
  /** The open pause of the clocks, if any. */
  pause?: { from: number; reason: string };
  /** Every pause of the incident so far (the last may be open): clocks a re-grade adds get them. */
  pauses: Array<{ from: number; to?: number; reason: string }>;
  clocks: IncidentClock[];
  /** When each milestone was first met (also for milestones the level sets no clock for). */
  milestones: Partial<Record<ClockMilestone, number>>;
  createdBy: string;
  /** Instant of the last event: new events may not be dated before it. */
  lastEventAt: number;
  version: number;
};

/**
 * Why an incident has no clocks: no contract covers the system; contracts cover it but none is
 * in force on the report date; or the covering contract runs from final acceptance and no
 * acceptance is recorded yet.
 *
 * @public
 */
export type NoClocksCode =
  | 'no-contract'
  | 'not-in-force'
  | 'awaiting-acceptance';

/** The fields of a new incident report. Instants are epoch milliseconds. @public */
export type IncidentReport = {
  systemRef: string;
  title: string;
  symptoms: string;
  module?: string;
  impact?: Partial<IncidentImpact>;
  reporter: { name: string; contact: string };
  channel: IncidentChannel;
  type: IncidentType;
  urgency: IncidentUrgency;
  level: number;
  occurredAt: number;
  reportedAt: number;
  assignees?: string[];
};

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
      payload: IncidentReport & {
        id: string;
        hospitalRef: string;
        ownerRef: string;
        terms: IncidentTerms | null;
        noClocksReason?: string;
        noClocksCode?: NoClocksCode;
        /** When the report was entered (server time). */
        enteredAt?: number;
        /** An administrator's back-fill of a report older than the configured bound. */
        backfill?: { reason: string };
      };
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

// ---- API shapes (instants as ISO 8601 strings) ----

/** A clock as the API shows it, evaluated at `evaluatedAt`. @public */
export type IncidentClockView = {
  milestone: ClockMilestone;
  target: Duration;
  calendar: string;
  status: ClockStatus | 'retired';
  dueAt: string | null;
  elapsedMs: number;
  remainingMs: number;
  percentElapsed: number;
  atRisk: boolean;
  breachedAt: string | null;
  metAt: string | null;
  calendarVersion: string;
  warnings: string[];
  targets: Array<{ at: string; target: Duration; calendar: string }>;
  pauses: Array<{ from: string; to: string | null; reason: string }>;
};

/** @public */
export type IncidentTimelineEntry = {
  seq: number;
  type: IncidentEventType;
  at: string;
  recordedAt: string;
  actor: string;
  payload: Record<string, unknown>;
};

/** An alert the clock sweep raised: a warning threshold crossed, or a breach. @public */
export type IncidentClockAlert = {
  milestone: ClockMilestone;
  kind: 'threshold' | 'breach';
  percent: number;
  at: string;
  notifiedAt: string;
};

/** @public */
export type Incident = {
  id: string;
  version: number;
  systemRef: string;
  hospitalRef: string;
  ownerRef: string;
  contractRef: string | null;
  noClocksReason: string | null;
  noClocksCode?: NoClocksCode | null;
  /** When the report was entered (server time), beside `reportedAt`, the time it claims. */
  enteredAt?: string | null;
  backfill?: { reason: string } | null;
  title: string;
  symptoms: string;
  module: string | null;
  impact: IncidentImpact;
  reporter: { name: string; contact: string };
  channel: IncidentChannel;
  type: IncidentType;
  urgency: IncidentUrgency;
  level: number;
  levelName: string | null;
  status: IncidentStatus;
  occurredAt: string;
  reportedAt: string;
  assignees: string[];
  rootCause: RootCauseCategory | null;
  resolution: { method: string; result: string } | null;
  remotePermission: { grantedBy: string; at: string; note?: string } | null;
  confirmation: { confirmedBy: string; at: string; note?: string } | null;
  paused: { from: string; reason: string } | null;
  clocks: IncidentClockView[];
  createdBy: string;
  updatedAt: string;
};

/** `GET /incidents/{id}`: the incident, its timeline and the sweep's alerts. @public */
export type IncidentDetail = Incident & {
  timeline: IncidentTimelineEntry[];
  alerts: IncidentClockAlert[];
  /** The actions the current state allows. */
  allowedActions: IncidentActionType[];
};

/** @public */
export type IncidentList = {
  items: Incident[];
  totalCount: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
};

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
