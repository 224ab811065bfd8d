import type {
  ObligationHistoryType,
  PlannedOccurrence,
} from '@weibao/plugin-weibao-common';
import { toMs, toMsOrNull } from '../permissionFilter';
import type {
  ObligationContract,
  OccurrenceHistoryEntry,
  StoredOccurrence,
} from './ObligationStore';

export const CONTRACTS = 'weibao_obligation_contracts';
export const OCCURRENCES = 'weibao_obligation_occurrences';
export const SYSTEMS = 'weibao_obligation_occurrence_systems';
export const EVENTS = 'weibao_obligation_events';

/** An instant as the drivers return it: Date (PostgreSQL), epoch ms (SQLite) or text. */
export type Instant = Date | number | string;

/** A row of `weibao_obligation_contracts`. */
export type ContractRow = {
  contract_ref: string;
  owner_ref: string;
  hospital_ref: string;
  /** JSON of ObligationContract['terms']. */
  terms: string;
  calendar_version: string;
  synced_at: Instant;
  /** When Weibao first saw the contract: the default tracking start. */
  first_seen_at: Instant | null;
};

/** A row of `weibao_obligation_occurrences`. */
export type OccurrenceRow = {
  id: string;
  version: number;
  contract_ref: string;
  key: string;
  owner_ref: string;
  hospital_ref: string;
  obligation_id: string;
  kind: string;
  frequency: string;
  parent_key: string | null;
  /** The system a duty of each system belongs to; null for a duty of the contract. */
  system_ref: string | null;
  /** 1 when due before the contract's tracking start. */
  before_tracking: number | boolean;
  window_start: string;
  window_end: string;
  due_at: Instant;
  done_at: Instant | null;
  waived_at: Instant | null;
  retired_at: Instant | null;
  due_notified_at?: Instant | null;
  overdue_notified_at?: Instant | null;
  /** JSON of the PlannedOccurrence. */
  plan: string;
  /** JSON of StoredOccurrence['record']. */
  record: string | null;
  updated_at: Instant;
};

/** A row of `weibao_obligation_occurrence_systems`. */
export type OccurrenceSystemRow = { occurrence_id: string; system_ref: string };

/** A row of `weibao_obligation_events`, the append-only history. */
export type EventRow = {
  occurrence_id: string;
  seq: number;
  type: ObligationHistoryType;
  at: Instant;
  actor: string;
  /** JSON of the payload, instants as epoch ms. */
  payload: string;
};

/** The columns an occurrence row takes from its planned occurrence. */
export function plannedColumns(planned: PlannedOccurrence) {
  return {
    plan: JSON.stringify(planned),
    window_start: planned.windowStart,
    window_end: planned.windowEnd,
    system_ref: planned.systemRef ?? null,
  };
}

/** An occurrence row as stored (a JSON object of the row does too). */
export function fromRow(
  row: OccurrenceRow,
  systems: string[],
): StoredOccurrence {
  return {
    id: row.id,
    version: row.version,
    contractRef: row.contract_ref,
    ownerRef: row.owner_ref,
    hospitalRef: row.hospital_ref,
    plan: JSON.parse(row.plan),
    systems,
    systemRef: row.system_ref ?? null,
    beforeTracking: Boolean(Number(row.before_tracking ?? 0)),
    dueAt: toMs(row.due_at),
    doneAt: toMsOrNull(row.done_at),
    waivedAt: toMsOrNull(row.waived_at),
    retiredAt: toMsOrNull(row.retired_at),
    record: row.record ? JSON.parse(row.record) : {},
    updatedAt: toMs(row.updated_at),
  };
}

export function contractFromRow(row: ContractRow): ObligationContract {
  return {
    contractRef: row.contract_ref,
    ownerRef: row.owner_ref,
    hospitalRef: row.hospital_ref,
    terms: JSON.parse(row.terms),
    calendarVersion: row.calendar_version,
    firstSeenAt: toMs(row.first_seen_at ?? row.synced_at),
  };
}

const isoOf = (ms: unknown) =>
  typeof ms === 'number' ? new Date(ms).toISOString() : ms;

/**
 * A history row's payload as the API shows it: the instants stored as epoch ms become ISO 8601,
 * and a reschedule names its cause (rows written before `cause` existed say it in `why`).
 */
function historyPayload(
  type: string,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  switch (type) {
    case 'planned':
      return { ...payload, dueAt: isoOf(payload.dueAt) };
    case 'rescheduled':
      return {
        ...payload,
        from: isoOf(payload.from),
        to: isoOf(payload.to),
        cause:
          payload.cause ??
          (String(payload.why).startsWith('counted from the completion')
            ? 'follow-up'
            : 'contract-changed'),
      };
    case 'completed':
      return { ...payload, recordedAt: isoOf(payload.recordedAt) };
    case 'tracking':
      return { ...payload, trackingStart: isoOf(payload.trackingStart) };
    default:
      return payload;
  }
}

/** A history row as the API shows it. */
export function historyFromRow(row: EventRow): OccurrenceHistoryEntry {
  return {
    seq: row.seq,
    type: row.type,
    at: new Date(toMs(row.at)).toISOString(),
    actor: row.actor,
    payload: historyPayload(row.type, JSON.parse(row.payload)),
  } as OccurrenceHistoryEntry;
}
