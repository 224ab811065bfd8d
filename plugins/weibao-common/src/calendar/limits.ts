/** The years and spans a business calendar serves, and the error when asked beyond them. */

/** @public */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The years a calendar serves: instants outside are refused before any arithmetic, so that no
 * input (year 0001, 9999) makes the engine build centuries of days. The official Chinese
 * arrangement is published from 2004 on; contracts before 2000 do not exist in this domain.
 *
 * @public
 */
export const CALENDAR_YEARS = { first: 2000, last: 2099 } as const;

/** The longest span (in years) one computation may cross: each year costs a build of its days. @public */
export const CALENDAR_MAX_SPAN_YEARS = 20;

/**
 * A calendar refused an instant or a span it cannot serve quickly (outside
 * {@link CALENDAR_YEARS}, or longer than {@link CALENDAR_MAX_SPAN_YEARS}, or a calendar without
 * working time). A request error, never a server error: the backend answers 400 naming the field.
 *
 * @public
 */
export class CalendarRangeError extends Error {
  readonly instant: number;
  constructor(message: string, instant: number) {
    super(message);
    this.name = 'CalendarRangeError';
    this.instant = instant;
  }
}

/** Whether a calendar serves an instant (its year within {@link CALENDAR_YEARS}). @public */
export function calendarServes(t: number): boolean {
  if (!Number.isFinite(t)) return false;
  const y = new Date(t).getUTCFullYear();
  // a day of margin either side for time zones: the year is checked again in the zone
  return y >= CALENDAR_YEARS.first && y <= CALENDAR_YEARS.last;
}

/** How many years without working time a computation crosses before it gives up. */
export const MAX_EMPTY_YEARS = 10;
