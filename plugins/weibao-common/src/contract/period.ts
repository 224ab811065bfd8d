import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../calendar/BusinessCalendar';
import type { ContractPeriod } from './types';

/**
 * The instants a contract period runs over: from 00:00 of its first day to 24:00 of its last,
 * in the hospital's time zone. A period "one year from final acceptance" (or signing) whose
 * start is not yet known has no bounds: the contract is not in force at any instant until its
 * start is recorded (see {@link withRecordedStart}).
 *
 * @public
 */
export function contractPeriodBounds(
  period: ContractPeriod,
  timeZone: string = DEFAULT_TIME_ZONE,
): { start: number; end: number } | undefined {
  const day = (iso: string) => DateTime.fromISO(iso, { zone: timeZone });
  if ('end' in period) {
    return {
      start: day(period.start).toMillis(),
      end: day(period.end).plus({ days: 1 }).toMillis(),
    };
  }
  if (!('from' in period) || !period.start) return undefined;
  const start = day(period.start);
  const end = start.plus({
    years: period.years ?? 0,
    months: period.months ?? (period.years === undefined ? 12 : 0),
  });
  return { start: start.toMillis(), end: end.toMillis() };
}

/**
 * Whether a contract period covers an instant. A period whose start is not known yet ("from
 * final acceptance", not accepted) covers none: no clock starts under it (issue 14).
 *
 * @public
 */
export function isContractInForce(
  period: ContractPeriod,
  at: number,
  timeZone?: string,
): boolean {
  const bounds = contractPeriodBounds(period, timeZone);
  return Boolean(bounds) && at >= bounds!.start && at < bounds!.end;
}

/** Whether a period runs from an event (final acceptance, signing) not recorded yet. @public */
export function awaitsAcceptance(period: ContractPeriod): boolean {
  return 'from' in period && !period.start;
}

/**
 * The period with the start recorded in Weibao (an acceptance entered through the API) when the
 * contract's own YAML does not give one yet; a start in the YAML wins.
 *
 * @public
 */
export function withRecordedStart(
  period: ContractPeriod,
  recordedStart: string | undefined,
): ContractPeriod {
  if (!('from' in period) || period.start || !recordedStart) return period;
  return { ...period, start: recordedStart };
}

/**
 * Why a final acceptance on `acceptedOn` (YYYY-MM-DD) cannot be recorded for a contract with this
 * period, as `{ field, reason, conflict }`, or undefined when it can: the period must run from
 * final acceptance with no start yet, and the day must be a real day in the years the calendars
 * serve, not after `today`.
 *
 * @public
 */
export function acceptanceProblem(
  period: ContractPeriod,
  acceptedOn: string,
  today: string,
): { field: string; reason: string; conflict?: boolean } | undefined {
  if (!('from' in period) || period.from !== 'final-acceptance') {
    return {
      field: 'period',
      reason:
        'the contract does not run from final acceptance, so there is no acceptance to record',
    };
  }
  if (period.start) {
    return {
      field: 'period',
      reason: `the contract already gives its start (${period.start}) in the catalog`,
      conflict: true,
    };
  }
  const day = DateTime.fromISO(acceptedOn, { zone: DEFAULT_TIME_ZONE });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(acceptedOn) || !day.isValid) {
    return { field: 'acceptedOn', reason: `"${acceptedOn}" is not a day` };
  }
  if (day.year < 2000 || day.year > 2099) {
    return {
      field: 'acceptedOn',
      reason: `${acceptedOn} is outside the years Weibao records (2000 to 2099)`,
    };
  }
  if (acceptedOn > today) {
    return {
      field: 'acceptedOn',
      reason: `${acceptedOn} is after today (${today}): record an acceptance once it happened`,
    };
  }
  return undefined;
}

/**
 * The instant from which Weibao tracks a contract: 00:00 (hospital time) of its
 * `spec.trackingStart` when the contract gives one, else the instant Weibao first saw the
 * contract (`firstSeenAt`, epoch ms). Duties due and incidents reported before it are neither
 * overdue nor counted in penalties.
 *
 * @public
 */
export function trackingStartAt(
  spec: { trackingStart?: string },
  firstSeenAt: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): number {
  if (!spec.trackingStart) return firstSeenAt;
  return DateTime.fromISO(spec.trackingStart, { zone: timeZone }).toMillis();
}
