import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../calendar/BusinessCalendar';
import type { ContractPeriod } from './types';

/**
 * The instants a contract period runs over: from 00:00 of its first day to 24:00 of its last,
 * in the hospital's time zone. A period "one year from final acceptance" whose start is not
 * yet known has no bounds: the contract is taken as in force.
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

/** Whether a contract period covers an instant. @public */
export function isContractInForce(
  period: ContractPeriod,
  at: number,
  timeZone?: string,
): boolean {
  const bounds = contractPeriodBounds(period, timeZone);
  return !bounds || (at >= bounds.start && at < bounds.end);
}
