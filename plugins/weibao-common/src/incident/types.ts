import type {
  CalendarOverride,
  ClockMilestone,
  ContractCalendar,
  ServiceChannel,
  SeverityLevel,
} from '../contract/types';
import type { ClockHistory } from '../sla/clock';

/*
 * The incident itself: the words it is described in, the contract terms and clocks it carries,
 * the state its timeline folds into, and the report that opens it. The timeline's actions and
 * events are in ./timeline, the API's shapes in ./apiShapes.
 */

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
