import type { ClockMilestone, Duration } from '../contract/types';
import type { ClockStatus } from '../sla/clock';
import type { IncidentActionType, IncidentEventType } from './timeline';
import type {
  IncidentChannel,
  IncidentImpact,
  IncidentStatus,
  IncidentType,
  IncidentUrgency,
  NoClocksCode,
  RootCauseCategory,
} from './types';

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
