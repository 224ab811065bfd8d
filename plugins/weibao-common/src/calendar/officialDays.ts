import chineseDays from 'chinese-days/dist/chinese-days.json';

/**
 * The official Chinese working calendar (国务院办公厅 holiday arrangements): statutory
 * holidays that are off and make-up workdays (调休, a declared working Saturday or Sunday).
 *
 * @public
 */
export type OfficialDays = {
  /** Where the data comes from, recorded in every calendar version. */
  source: string;
  /** Days off, `YYYY-MM-DD`, with the holiday's name. */
  holidays: ReadonlyMap<string, string>;
  /** Make-up workdays, `YYYY-MM-DD`, with the holiday they make up for. */
  workdays: ReadonlyMap<string, string>;
  /** Years whose arrangement has been published and is in the data. */
  years: ReadonlySet<number>;
};

/**
 * Extra official days an operator adds through config, e.g. a newly published year before
 * the chinese-days package has it.
 *
 * @public
 */
export type OfficialDaysAddition = {
  /** The years these days complete: they count as published. */
  years: number[];
  holidays?: string[];
  workdays?: string[];
  /** Names where the source says it, recorded in the calendar version. */
  source?: string;
};

const CHINESE_DAYS_VERSION = '1.5.7';

function chineseName(entry: string): string {
  // "National Day,国庆节,3" → 国庆节
  return entry.split(',')[1] ?? entry;
}

function yearsOf(...maps: Array<ReadonlyMap<string, string>>): Set<number> {
  const years = new Set<number>();
  for (const map of maps)
    for (const day of map.keys()) years.add(Number(day.slice(0, 4)));
  return years;
}

/**
 * The official days from the chinese-days package (pinned, so a version names the data).
 *
 * @public
 */
export const CHINESE_OFFICIAL_DAYS: OfficialDays = (() => {
  const holidays = new Map(
    Object.entries(chineseDays.holidays).map(([d, e]) => [d, chineseName(e)]),
  );
  const workdays = new Map(
    Object.entries(chineseDays.workdays).map(([d, e]) => [d, chineseName(e)]),
  );
  return {
    source: `chinese-days@${CHINESE_DAYS_VERSION}`,
    holidays,
    workdays,
    years: yearsOf(holidays, workdays),
  };
})();

/**
 * Official days with an operator's additions on top.
 *
 * @public
 */
export function withOfficialDays(
  base: OfficialDays,
  addition: OfficialDaysAddition,
): OfficialDays {
  const holidays = new Map(base.holidays);
  const workdays = new Map(base.workdays);
  for (const d of addition.holidays ?? []) {
    holidays.set(d, 'holiday');
    workdays.delete(d);
  }
  for (const d of addition.workdays ?? []) {
    workdays.set(d, 'make-up workday');
    holidays.delete(d);
  }
  return {
    source: `${base.source}+${
      addition.source ?? 'config'
    }(${addition.years.join(',')})`,
    holidays,
    workdays,
    years: new Set([...base.years, ...addition.years]),
  };
}

/**
 * The statutory holidays fixed to a date, by the 2025 revision of the national holiday rules:
 * New Year's Day (1 Jan), Labour Day (1–2 May), National Day (1–3 Oct). Lunar and solar-term
 * holidays move, so a year without published data only knows these.
 *
 * @public
 */
export const FIXED_DATE_STATUTORY_HOLIDAYS: ReadonlyArray<
  [month: number, day: number, name: string]
> = [
  [1, 1, '元旦'],
  [5, 1, '劳动节'],
  [5, 2, '劳动节'],
  [10, 1, '国庆节'],
  [10, 2, '国庆节'],
  [10, 3, '国庆节'],
];
