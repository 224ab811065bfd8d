import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../calendar/BusinessCalendar';
import type { UpgradeFreeze, UpgradeWindow } from './types';

const MAX_WINDOW_HOURS = 72;

/**
 * What is wrong with an upgrade window, each problem naming its field; empty when it is fine.
 * Upgrades are avoided on official holidays and in declared freezes (major events), and a
 * window may not start or end on a make-up workday (调休), when the hospital runs short-staffed
 * on a day its staff expect off.
 *
 * @public
 */
export function checkUpgradeWindow(
  window: UpgradeWindow,
  calendar: BusinessCalendar,
  options: { freezes: ReadonlyArray<UpgradeFreeze>; hospitalRef: string },
): Array<{ field: string; reason: string }> {
  const problems: Array<{ field: string; reason: string }> = [];
  const length = window.end - window.start;
  if (!(length > 0)) {
    return [
      { field: 'window.end', reason: 'the window must end after it starts' },
    ];
  }
  if (length > MAX_WINDOW_HOURS * 3_600_000) {
    problems.push({
      field: 'window.end',
      reason: `a window may last at most ${MAX_WINDOW_HOURS} hours`,
    });
  }
  if (
    window.expectedDowntimeMinutes < 0 ||
    window.expectedDowntimeMinutes * 60_000 > length
  ) {
    problems.push({
      field: 'window.expectedDowntimeMinutes',
      reason: `${
        window.expectedDowntimeMinutes
      } minutes does not fit a window of ${Math.round(
        length / 60_000,
      )} minutes`,
    });
  }
  const zone = calendar.timeZone;
  const first = DateTime.fromMillis(window.start, { zone }).startOf('day');
  // the last instant inside the window (a window ending at 24:00 does not touch the next day)
  const last = DateTime.fromMillis(window.end - 1, { zone }).startOf('day');
  const dates: string[] = [];
  for (let d = first; d <= last; d = d.plus({ days: 1 }))
    dates.push(d.toISODate()!);
  for (const date of dates) {
    const day = calendar.day(date);
    if (
      day.reason.kind === 'official-holiday' ||
      day.reason.kind === 'provisional-holiday'
    ) {
      problems.push({
        field: 'window',
        reason: `${date} is ${day.reason.name}, an official holiday${
          day.reason.kind === 'provisional-holiday' ? ' (provisional)' : ''
        }: no upgrades on holidays`,
      });
    }
  }
  for (const [field, date] of [
    ['window.start', dates[0]],
    ['window.end', dates[dates.length - 1]],
  ] as const) {
    const day = calendar.day(date);
    if (day.reason.kind === 'make-up-workday') {
      problems.push({
        field,
        reason: `${date} is a make-up workday (调休) for ${day.reason.name}: no upgrade window may start or end on one`,
      });
    }
  }
  for (const freeze of options.freezes) {
    if (freeze.hospital && freeze.hospital !== options.hospitalRef) continue;
    if (freeze.from <= dates[dates.length - 1] && freeze.to >= dates[0]) {
      problems.push({
        field: 'window',
        reason: `the window falls in the freeze ${freeze.from} – ${freeze.to}: ${freeze.reason}`,
      });
    }
  }
  return problems;
}
