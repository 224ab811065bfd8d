import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../calendar/BusinessCalendar';
import type { UpgradeFreeze, UpgradeWindow } from './types';

/** A problem with an upgrade window, naming the field it is about. @public */
export type UpgradeWindowProblem = { field: string; reason: string };

/** The longest window a plan may ask for. @public */
export const MAX_UPGRADE_WINDOW_HOURS = 72;

const MINUTE = 60_000;

/**
 * What is wrong with the shape of a window, whatever the calendar: it must end after it starts,
 * last at most {@link MAX_UPGRADE_WINDOW_HOURS} hours, and hold its expected downtime. No
 * override excuses these.
 *
 * @public
 */
export function upgradeWindowShapeProblems(
  window: UpgradeWindow,
): UpgradeWindowProblem[] {
  const length = window.end - window.start;
  if (!Number.isFinite(window.start)) {
    return [{ field: 'window.start', reason: 'the window needs a start' }];
  }
  if (!(length > 0)) {
    return [
      { field: 'window.end', reason: 'the window must end after it starts' },
    ];
  }
  const problems: UpgradeWindowProblem[] = [];
  if (length > MAX_UPGRADE_WINDOW_HOURS * 60 * MINUTE) {
    problems.push({
      field: 'window.end',
      reason: `the window lasts ${Math.round(
        length / MINUTE,
      )} minutes; a window may last at most ${MAX_UPGRADE_WINDOW_HOURS} hours`,
    });
  }
  const downtime = window.expectedDowntimeMinutes;
  if (
    !Number.isFinite(downtime) ||
    downtime < 0 ||
    downtime * MINUTE > length
  ) {
    problems.push({
      field: 'window.expectedDowntimeMinutes',
      reason: `${downtime} minutes of downtime does not fit a window of ${Math.round(
        length / MINUTE,
      )} minutes`,
    });
  }
  return problems;
}

/** The local dates (YYYY-MM-DD in the calendar's zone) a window touches, first to last. */
function datesTouched(window: UpgradeWindow, zone: string): string[] {
  const first = DateTime.fromMillis(window.start, { zone }).startOf('day');
  // the last instant inside the window: a window ending at 24:00 does not touch the next day
  const last = DateTime.fromMillis(window.end - 1, { zone }).startOf('day');
  const dates: string[] = [];
  for (let d = first; d <= last; d = d.plus({ days: 1 })) {
    dates.push(d.toISODate()!);
  }
  return dates;
}

/**
 * What is wrong with an upgrade window, each problem naming its field; empty when it is fine.
 * Besides its shape ({@link upgradeWindowShapeProblems}): upgrades are avoided on official
 * holidays (and on the fixed-date holidays of a year whose arrangement is not yet published)
 * and in declared freezes (major events, inspections); and a window may not start or end on a
 * make-up workday (调休), when the hospital works a day its staff would otherwise have off.
 * Days are local days of the calendar's time zone.
 *
 * @public
 */
export function checkUpgradeWindow(
  window: UpgradeWindow,
  calendar: BusinessCalendar,
  options: { freezes: ReadonlyArray<UpgradeFreeze>; hospitalRef: string },
): UpgradeWindowProblem[] {
  const problems = upgradeWindowShapeProblems(window);
  // a window without a length, or of unbounded length, has no days worth naming
  if (problems.some(p => p.field !== 'window.expectedDowntimeMinutes')) {
    return problems;
  }
  const dates = datesTouched(window, calendar.timeZone);
  const firstDate = dates[0];
  const lastDate = dates[dates.length - 1];
  for (const date of dates) {
    const { reason } = calendar.day(date);
    if (reason.kind === 'official-holiday') {
      problems.push({
        field: 'window',
        reason: `${date} is ${reason.name}, an official holiday: no upgrades on holidays`,
      });
    } else if (reason.kind === 'provisional-holiday') {
      problems.push({
        field: 'window',
        reason: `${date} is ${reason.name}, an official holiday (provisional: the year's arrangement is not published yet): no upgrades on holidays`,
      });
    }
  }
  for (const [field, date] of [
    ['window.start', firstDate],
    ['window.end', lastDate],
  ] as const) {
    const { reason } = calendar.day(date);
    if (reason.kind === 'make-up-workday') {
      problems.push({
        field,
        reason: `${date} is a make-up workday (调休) for ${reason.name}: no upgrade window may start or end on one`,
      });
    }
  }
  for (const freeze of options.freezes) {
    if (freeze.hospital && freeze.hospital !== options.hospitalRef) continue;
    if (freeze.from <= lastDate && freeze.to >= firstDate) {
      problems.push({
        field: 'window',
        reason: `the window falls in the freeze ${freeze.from} – ${freeze.to}: ${freeze.reason}`,
      });
    }
  }
  return problems;
}
