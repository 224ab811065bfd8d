import { InputError } from '@backstage/errors';
import type {
  IncidentEvent,
  IncidentState,
} from '@weibao/plugin-weibao-common';
import { toMs } from '../permissionFilter';
import type { ClockRow, StoredIncident } from './IncidentStore';
import { timelineColumns } from '../timeline';

/*
 * The incident tables as knex writes and reads them: their names, the columns of an incident,
 * a clock and an event, and the list cursor.
 */

export const INCIDENTS = 'weibao_incidents';
export const EVENTS = 'weibao_incident_events';
export const CLOCKS = 'weibao_incident_clocks';
export const ALERTS = 'weibao_incident_clock_alerts';

export const toDate = (ms: number | null) =>
  ms === null ? null : new Date(ms);

function searchText(state: IncidentState): string {
  return [
    state.title,
    state.symptoms,
    state.module ?? '',
    state.reporter.name,
    ...state.impact.modules,
  ]
    .join('\n')
    .toLowerCase();
}

export function incidentColumns(state: IncidentState, now: number) {
  return {
    version: state.version,
    system_ref: state.systemRef,
    hospital_ref: state.hospitalRef,
    owner_ref: state.ownerRef,
    contract_ref: state.terms?.contractRef ?? null,
    level: state.level,
    status: state.status,
    title: state.title,
    search_text: searchText(state),
    reported_at: new Date(state.reportedAt),
    updated_at: new Date(now),
    state: JSON.stringify(state),
  };
}

export function clockColumns(incidentId: string, clock: ClockRow) {
  return {
    incident_id: incidentId,
    milestone: clock.milestone,
    status: clock.status,
    counting: clock.counting,
    target_seq: clock.targetSeq,
    due_at: toDate(clock.dueAt),
    at_risk_at: toDate(clock.atRiskAt),
    breached_at: toDate(clock.breachedAt),
    met_at: toDate(clock.metAt),
    next_alert_at: toDate(clock.nextAlertAt),
    calendar_version: clock.calendarVersion,
  };
}

export function eventColumns(
  incidentId: string,
  seq: number,
  event: IncidentEvent,
  now: number,
) {
  return {
    incident_id: incidentId,
    ...timelineColumns(event, seq, now),
  };
}

/** An incident row as read: its state as JSON, its last change. */
export type IncidentRow = { state: string; updated_at: unknown };

export const fromRow = (row: IncidentRow): StoredIncident => ({
  state: JSON.parse(row.state),
  updatedAt: toMs(row.updated_at),
});

export type Cursor = { r: number; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** 9999-12-31T23:59:59.999Z: every engine stores instants up to it. */
const LATEST_INSTANT = 253402300799999;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Number.isSafeInteger(c?.r) &&
      c.r >= 0 &&
      c.r <= LATEST_INSTANT &&
      typeof c?.id === 'string' &&
      UUID.test(c.id)
    ) {
      return c;
    }
  } catch {
    // fall through
  }
  throw new InputError('cursor: not a cursor this API returned');
}
