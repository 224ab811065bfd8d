import { parseEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { CALENDAR_YEARS } from '../calendar/limits';
import type { EntityProblem } from '../catalog/entities';
import { CONTRACT_REF_KINDS, fullEntityRef } from './relations';
import {
  BUILT_IN_CALENDARS,
  Duration,
  MaintenanceContractEntityV1alpha1,
  MaintenanceContractSpec,
} from './types';

type Report = (field: string, reason: string) => void;

/** A real calendar date, not just the right shape (2026-02-30 is not). */
function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // Date.UTC would read years 0..99 as 1900..1999
  return (
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === m - 1 &&
    t.getUTCDate() === d
  );
}

function isTimeZone(zone: string): boolean {
  try {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return format.resolvedOptions().timeZone !== '';
  } catch {
    return false;
  }
}

const minutesOf = (hhmm: string) =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function checkRef(
  report: Report,
  field: string,
  ref: string,
  kind: string,
  ns?: string,
): string | undefined {
  try {
    const full = fullEntityRef(ref, kind, ns);
    const actual = parseEntityRef(full).kind;
    if (actual.toLocaleLowerCase('en-US') !== kind) {
      report(field, `"${ref}" is a ${actual}, but must be a ${kind}`);
      return undefined;
    }
    return full;
  } catch (e) {
    report(
      field,
      `"${ref}" is not an entity reference: ${(e as Error).message}`,
    );
    return undefined;
  }
}

function checkDuration(
  report: Report,
  field: string,
  d: Duration,
  allowZero = false,
) {
  if (!allowZero && d.amount === 0) {
    report(`${field}.amount`, 'must be greater than 0');
  }
  if (d.unit === 'working-days' && !Number.isInteger(d.amount)) {
    report(`${field}.amount`, `must be a whole number of ${d.unit}`);
  }
}

/** The first and last days Weibao's business calendars serve (calendar/limits). */
const FIRST_DAY = `${CALENDAR_YEARS.first}-01-01`;
const LAST_DAY = `${CALENDAR_YEARS.last}-12-31`;

/**
 * A date the calendars cannot serve is refused here, so that no contract brings a day outside
 * CALENDAR_YEARS into the clock arithmetic (issue 14: a period ending in 2150 made the backend
 * answer 500 later). Expects a real date (YYYY-MM-DD compares as text).
 */
function checkServedDate(report: Report, field: string, date: string) {
  if (date < FIRST_DAY) {
    report(
      field,
      `${date} is before ${FIRST_DAY}, the first day Weibao's calendars serve`,
    );
  } else if (date > LAST_DAY) {
    report(
      field,
      `${date} is after ${LAST_DAY}, the last day Weibao's calendars serve`,
    );
  }
}

function checkPeriod(
  report: Report,
  period: MaintenanceContractSpec['period'],
) {
  for (const key of ['start', 'end'] as const) {
    const date = (period as Record<string, string | undefined>)[key];
    if (!date) continue;
    if (!isRealDate(date)) {
      report(`spec.period.${key}`, `${date} is not a calendar date`);
    } else {
      checkServedDate(report, `spec.period.${key}`, date);
    }
  }
  if ('end' in period && period.start >= period.end) {
    report('spec.period.end', `must be after the start (${period.start})`);
  }
  if (!('from' in period)) return;
  if (!period.years && !period.months) {
    report(
      'spec.period',
      `runs from ${period.from}: give its length in years or months`,
    );
  }
  // Issue 14: a contract without a concrete start is in force nowhere. The day of signing is
  // known when the contract is written, so it must be given; final acceptance (终验) happens
  // later and is recorded then (in the YAML, or through Weibao's acceptance record).
  if (period.from === 'signing' && !period.start) {
    report(
      'spec.period.start',
      'is required when the period runs from signing: give the day the contract was signed (without it the contract is in force on no day)',
    );
  }
  // the last day of a period counted from its start must be served too
  if (period.start && isRealDate(period.start)) {
    const last = DateTime.fromISO(period.start, { zone: 'UTC' })
      .plus({
        years: period.years ?? 0,
        months: period.months ?? (period.years === undefined ? 12 : 0),
      })
      .minus({ days: 1 })
      .toISODate()!;
    if (last > LAST_DAY) {
      report(
        'spec.period',
        `runs from ${period.start} until ${last}, after ${LAST_DAY}, the last day Weibao's calendars serve`,
      );
    }
  }
}

function checkPeriodAndMoney(report: Report, spec: MaintenanceContractSpec) {
  checkPeriod(report, spec.period);
  if (spec.trackingStart !== undefined) {
    if (!isRealDate(spec.trackingStart)) {
      report(
        'spec.trackingStart',
        `${spec.trackingStart} is not a calendar date`,
      );
    } else {
      checkServedDate(report, 'spec.trackingStart', spec.trackingStart);
    }
  }
  const payments = spec.payments ?? [];
  const total = payments.reduce((sum, p) => sum + p.percent, 0);
  if (payments.length && Math.abs(total - 100) > 1e-9) {
    report('spec.payments', `percents add up to ${total}, not 100`);
  }
  payments.forEach((p, i) => {
    if (p.trigger === 'months-after-start' && !p.months) {
      report(
        `spec.payments[${i}].months`,
        'is required when the trigger is months-after-start',
      );
    }
  });
  (spec.penalties ?? []).forEach((p, i) => {
    if (
      p.percentOfValuePerDay === undefined &&
      p.fixedAmountPerDay === undefined
    ) {
      report(
        `spec.penalties[${i}]`,
        'must give percentOfValuePerDay or fixedAmountPerDay',
      );
    }
  });
  if (spec.acceptance) {
    checkDuration(
      report,
      'spec.acceptance.inspectWithin',
      spec.acceptance.inspectWithin,
    );
    if (spec.acceptance.fixObjectionsWithin) {
      checkDuration(
        report,
        'spec.acceptance.fixObjectionsWithin',
        spec.acceptance.fixObjectionsWithin,
      );
    }
  }
}

function checkCalendars(
  report: Report,
  spec: MaintenanceContractSpec,
): Set<string> {
  const known = new Set<string>(BUILT_IN_CALENDARS);
  (spec.calendars ?? []).forEach((calendar, i) => {
    const field = `spec.calendars[${i}]`;
    if (known.has(calendar.name)) {
      report(
        `${field}.name`,
        `"${calendar.name}" is already ${
          (BUILT_IN_CALENDARS as readonly string[]).includes(calendar.name)
            ? 'a built-in calendar'
            : 'defined'
        }`,
      );
    }
    known.add(calendar.name);
    if (calendar.timeZone && !isTimeZone(calendar.timeZone)) {
      report(
        `${field}.timeZone`,
        `"${calendar.timeZone}" is not an IANA time zone (e.g. Asia/Shanghai)`,
      );
    }
    for (const [day, ranges] of Object.entries(calendar.weekly)) {
      const sorted = [...(ranges ?? [])].sort();
      sorted.forEach((range, j) => {
        const [from, to] = range.split('-');
        if (minutesOf(from) >= minutesOf(to)) {
          report(`${field}.weekly.${day}`, `${range} ends before it starts`);
        } else if (
          j > 0 &&
          minutesOf(sorted[j - 1].split('-')[1]) > minutesOf(from)
        ) {
          report(
            `${field}.weekly.${day}`,
            `${sorted[j - 1]} and ${range} overlap`,
          );
        }
      });
    }
  });
  const seen = new Set<string>();
  (spec.calendarOverrides ?? []).forEach((o, i) => {
    if (!isRealDate(o.date))
      report(
        `spec.calendarOverrides[${i}].date`,
        `${o.date} is not a calendar date`,
      );
    else checkServedDate(report, `spec.calendarOverrides[${i}].date`, o.date);
    if (seen.has(o.date))
      report(
        `spec.calendarOverrides[${i}].date`,
        `${o.date} is overridden twice`,
      );
    seen.add(o.date);
  });
  return known;
}

function checkMatrix(
  report: Report,
  spec: MaintenanceContractSpec,
  calendars: Set<string>,
) {
  const unknownCalendar = (field: string, name: string) => {
    if (!calendars.has(name)) {
      report(
        field,
        `unknown calendar "${name}": use ${[...calendars].join(
          ', ',
        )}, or define it in spec.calendars`,
      );
    }
  };
  const levels = new Set<number>();
  spec.severityLevels.forEach((level, i) => {
    const field = `spec.severityLevels[${i}]`;
    if (levels.has(level.level))
      report(`${field}.level`, `level ${level.level} is defined twice`);
    levels.add(level.level);
    const milestones = new Set<string>();
    level.clocks.forEach((clock, j) => {
      const clockField = `${field}.clocks[${j}]`;
      if (milestones.has(clock.milestone)) {
        report(
          `${clockField}.milestone`,
          `level ${level.level} already has a ${clock.milestone} clock`,
        );
      }
      milestones.add(clock.milestone);
      unknownCalendar(`${clockField}.calendar`, clock.calendar);
      checkDuration(report, `${clockField}.target`, clock.target);
    });
  });
  spec.channels.forEach((channel, i) => {
    unknownCalendar(`spec.channels[${i}].calendar`, channel.calendar);
    (channel.levels ?? []).forEach((level, j) => {
      if (!levels.has(level)) {
        report(
          `spec.channels[${i}].levels[${j}]`,
          `level ${level} is not in spec.severityLevels`,
        );
      }
    });
  });
}

function checkCoverage(
  report: Report,
  contract: MaintenanceContractEntityV1alpha1,
) {
  const { spec } = contract;
  const ns = contract.metadata.namespace;
  checkRef(
    report,
    'spec.hospital',
    spec.hospital,
    CONTRACT_REF_KINDS.hospital,
    ns,
  );
  checkRef(report, 'spec.vendor', spec.vendor, CONTRACT_REF_KINDS.vendor, ns);
  checkRef(report, 'spec.owner', spec.owner, CONTRACT_REF_KINDS.owner, ns);
  const covered = new Set<string>();
  spec.covers.forEach((ref, i) => {
    const full = checkRef(report, `spec.covers[${i}]`, ref, 'component', ns);
    if (full && covered.has(full))
      report(`spec.covers[${i}]`, `${full} is listed twice`);
    if (full) covered.add(full);
  });
  const mustBeCovered = (field: string, ref: string) => {
    const full = checkRef(report, field, ref, 'component', ns);
    if (full && !covered.has(full))
      report(field, `${full} is not in spec.covers`);
  };
  (spec.obligations ?? []).forEach((o, i) => {
    const field = `spec.obligations[${i}]`;
    (o.systems ?? []).forEach((ref, j) =>
      mustBeCovered(`${field}.systems[${j}]`, ref),
    );
    if (o.frequency === 'per-contract' && o.count === undefined) {
      report(
        `${field}.count`,
        'is required when the frequency is per-contract ("at least N in the contract")',
      );
    }
    if (o.frequency !== 'per-contract' && o.count !== undefined) {
      report(
        `${field}.count`,
        'only applies when the frequency is per-contract',
      );
    }
    if (o.followUp)
      checkDuration(report, `${field}.followUp.within`, o.followUp.within);
  });
  (spec.inventoryMinimums ?? []).forEach((m, i) => {
    if (m.system)
      mustBeCovered(`spec.inventoryMinimums[${i}].system`, m.system);
  });
}

/**
 * The rules of a contract that a JSON schema cannot say: dates that exist, are in order and fall
 * in the years the calendars serve, a start for a period from signing,
 * payments that add up to 100 %, calendars that are defined, unique levels and clocks,
 * references of the right kind, obligations on covered systems.
 * Expects an entity that already passed the schema.
 */
export function ruleProblems(
  contract: MaintenanceContractEntityV1alpha1,
): EntityProblem[] {
  const problems: EntityProblem[] = [];
  const report: Report = (field, reason) => problems.push({ field, reason });
  checkPeriodAndMoney(report, contract.spec);
  const calendars = checkCalendars(report, contract.spec);
  checkMatrix(report, contract.spec, calendars);
  checkCoverage(report, contract);
  return problems;
}
