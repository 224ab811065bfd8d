import { Config } from '@backstage/config';
import {
  CalendarOptions,
  CHINESE_OFFICIAL_DAYS,
  withOfficialDays,
} from '@weibao/plugin-weibao-common';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function dates(config: Config, key: string, path: string): string[] {
  const values = config.getOptionalStringArray(key) ?? [];
  values.forEach((d, i) => {
    if (!DATE.test(d))
      throw new Error(
        `${path}.${key}[${i}]: "${d}" is not a date (YYYY-MM-DD)`,
      );
  });
  return values;
}

/**
 * The operator's calendar settings (`weibao.calendar` in app-config): official days added
 * on top of the chinese-days data, and overrides for every business-day calendar.
 * Throws at start-up, naming the key, when a value is malformed.
 */
export function readCalendarOptions(config: Config): CalendarOptions {
  let official = CHINESE_OFFICIAL_DAYS;
  (config.getOptionalConfigArray('weibao.calendar.officialDays') ?? []).forEach(
    (entry, i) => {
      const path = `weibao.calendar.officialDays[${i}]`;
      const years = entry.get<unknown>('years');
      if (
        !Array.isArray(years) ||
        years.length === 0 ||
        !years.every(y => Number.isInteger(y))
      ) {
        throw new Error(
          `${path}.years: must list the years these days complete, e.g. [2027]`,
        );
      }
      official = withOfficialDays(official, {
        years: years as number[],
        holidays: dates(entry, 'holidays', path),
        workdays: dates(entry, 'workdays', path),
        source: entry.getOptionalString('source'),
      });
    },
  );
  const overrides = (
    config.getOptionalConfigArray('weibao.calendar.overrides') ?? []
  ).map((entry, i) => {
    const date = entry.getString('date');
    if (!DATE.test(date)) {
      throw new Error(
        `weibao.calendar.overrides[${i}].date: "${date}" is not a date (YYYY-MM-DD)`,
      );
    }
    return {
      date,
      working: entry.getBoolean('working'),
      reason: entry.getString('reason'),
    };
  });
  return { official, overrides };
}
