import { DateTime } from 'luxon';
import {
  BusinessCalendar,
  CalendarRangeError,
  calendarServes,
} from './BusinessCalendar';
import { CALENDAR_24X7, CALENDAR_5X8, contractCalendar } from './calendars';
import { CHINESE_OFFICIAL_DAYS, withOfficialDays } from './officialDays';

const zone = 'Asia/Shanghai';
/** An instant from a Beijing wall time, whatever the TZ the tests run under. */
const at = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const show = (t: number) =>
  DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const HOUR = 3_600_000;

const fiveByEight = new BusinessCalendar(CALENDAR_5X8);
const allHours = new BusinessCalendar(CALENDAR_24X7);

describe('the official Chinese calendar of 2026 (DOMAIN.md)', () => {
  it.each([
    ['2026-01-01', false, 'official-holiday'],
    ['2026-01-03', false, 'official-holiday'],
    ['2026-01-04', true, 'make-up-workday'], // Sunday
    ['2026-02-14', true, 'make-up-workday'], // Saturday
    ['2026-02-15', false, 'official-holiday'],
    ['2026-02-23', false, 'official-holiday'],
    ['2026-02-28', true, 'make-up-workday'], // Saturday
    ['2026-05-05', false, 'official-holiday'],
    ['2026-05-09', true, 'make-up-workday'], // Saturday
    ['2026-09-20', true, 'make-up-workday'], // Sunday
    ['2026-10-07', false, 'official-holiday'],
    ['2026-10-08', true, 'weekly'],
    ['2026-10-10', true, 'make-up-workday'], // Saturday
    ['2026-10-11', false, 'weekly'], // Sunday
  ])('%s on 5x8: working %s (%s)', (date, working, kind) => {
    const day = fiveByEight.day(date);
    expect([day.working, day.reason.kind]).toEqual([working, kind]);
    expect(day.hours).toEqual(working ? ['09:00-18:00'] : []);
  });

  it('names the holiday', () => {
    expect(fiveByEight.day('2026-10-01').reason).toEqual({
      kind: 'official-holiday',
      name: '国庆节',
    });
    expect(fiveByEight.day('2026-02-14').reason).toEqual({
      kind: 'make-up-workday',
      name: '春节',
    });
  });

  it('24x7 runs through holidays', () => {
    expect(allHours.day('2026-10-01')).toMatchObject({
      working: true,
      hours: ['00:00-24:00'],
    });
    expect(
      allHours.workingTimeBetween(
        at('2026-09-30T18:00'),
        at('2026-10-08T09:00'),
      ),
    ).toBe(183 * HOUR);
  });
});

describe('working time on 5x8', () => {
  it('starts a report made at night at the next working instant', () => {
    expect(
      show(fiveByEight.addWorkingTime(at('2026-03-10T22:30'), 30 * 60_000)),
    ).toBe('2026-03-11T09:30');
    expect(
      show(allHours.addWorkingTime(at('2026-03-10T22:30'), 30 * 60_000)),
    ).toBe('2026-03-10T23:00');
  });

  it('carries over a weekend onto a make-up Sunday', () => {
    // Friday 18 Sep 17:00, 2 hours: 1 hour on Friday, then Sunday 20 Sep is a working day
    expect(
      show(fiveByEight.addWorkingTime(at('2026-09-18T17:00'), 2 * HOUR)),
    ).toBe('2026-09-20T10:00');
  });

  it('skips the whole National Day span', () => {
    expect(
      show(fiveByEight.addWorkingTime(at('2026-09-30T17:00'), 2 * HOUR)),
    ).toBe('2026-10-08T10:00');
    expect(
      fiveByEight.workingTimeBetween(
        at('2026-09-30T17:00'),
        at('2026-10-08T10:00'),
      ),
    ).toBe(2 * HOUR);
  });

  it('ends exactly at the close of business when the time runs out there', () => {
    expect(
      show(fiveByEight.addWorkingTime(at('2026-03-09T09:00'), 9 * HOUR)),
    ).toBe('2026-03-09T18:00');
    expect(fiveByEight.isWorkingAt(at('2026-03-09T18:00'))).toBe(false);
    expect(fiveByEight.isWorkingAt(at('2026-03-09T17:59'))).toBe(true);
  });

  it('honours a lunch break', () => {
    const clinic = new BusinessCalendar({
      name: 'clinic',
      weekly: { mon: ['08:00-12:00', '14:30-17:30'] },
      holidays: 'cn-official',
    });
    expect(show(clinic.addWorkingTime(at('2026-03-09T10:00'), 5 * HOUR))).toBe(
      '2026-03-09T17:30',
    );
    expect(clinic.isWorkingAt(at('2026-03-09T13:00'))).toBe(false);
  });
});

describe('working days by the Civil Code (arts. 201, 203)', () => {
  const due = (from: string, days: number, calendar = fiveByEight) =>
    show(calendar.closeOfBusinessAfterWorkingDays(at(from), days));

  it('does not count the day of the report and ends at close of business', () => {
    expect(due('2026-03-09T10:00', 3)).toBe('2026-03-12T18:00');
    expect(due('2026-03-09T08:00', 1)).toBe('2026-03-10T18:00'); // even before opening
  });

  it('counts from a weekend report the next working days', () => {
    expect(due('2026-03-07T11:00', 3)).toBe('2026-03-11T18:00');
    expect(due('2026-01-04T10:00', 1)).toBe('2026-01-05T18:00'); // reported on a make-up Sunday
  });

  it('jumps National Day and lands on the make-up Saturday', () => {
    expect(due('2026-09-30T17:00', 3)).toBe('2026-10-10T18:00');
  });

  it('jumps the Spring Festival with both make-up Saturdays', () => {
    // 14 Feb (Sat, make-up) 1; 15–23 off; 24, 25, 26, 27 → 2..5; 28 (Sat, make-up) 6; 2 Mar 7
    expect(due('2026-02-13T10:00', 7)).toBe('2026-03-02T18:00');
  });

  it('on 24x7 every day counts and closes at midnight', () => {
    expect(due('2026-09-30T17:00', 3, allHours)).toBe('2026-10-04T00:00');
  });
});

describe('years without published official days', () => {
  it('knows which years it has data for', () => {
    expect(fiveByEight.hasOfficialData(2026)).toBe(true);
    expect(fiveByEight.hasOfficialData(2027)).toBe(false);
    expect(allHours.hasOfficialData(2027)).toBe(true);
  });

  it('answers provisionally across the year boundary, with fixed-date holidays off', () => {
    const from = at('2026-12-31T16:00');
    const due = fiveByEight.closeOfBusinessAfterWorkingDays(from, 2);
    // 1 Jan 2027 (fixed-date holiday), 2–3 Jan weekend: Mon 4 and Tue 5 Jan
    expect(show(due)).toBe('2027-01-05T18:00');
    expect(fiveByEight.day('2027-01-01').reason).toEqual({
      kind: 'provisional-holiday',
      name: '元旦',
    });
    expect(fiveByEight.day('2027-10-03').working).toBe(false);
    expect(fiveByEight.provisionalYears(from, due)).toEqual([2027]);
  });

  it('takes a newly published year from the operator', () => {
    const official = withOfficialDays(CHINESE_OFFICIAL_DAYS, {
      years: [2027],
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      workdays: ['2027-01-09'],
      source: 'operator-2027',
    });
    const calendar = new BusinessCalendar(CALENDAR_5X8, official);
    expect(calendar.hasOfficialData(2027)).toBe(true);
    expect(calendar.day('2027-01-09').reason.kind).toBe('make-up-workday');
    expect(
      calendar.provisionalYears(at('2026-12-31T16:00'), at('2027-02-01T00:00')),
    ).toEqual([]);
    expect(calendar.version).not.toBe(fiveByEight.version);
  });
});

describe('overrides and versions', () => {
  const spec = {
    calendarOverrides: [
      { date: '2026-12-31', working: false, reason: '年终盘点' },
    ],
  };

  it("applies a contract's agreed days to business-day calendars, not to 24x7", () => {
    expect(contractCalendar('5x8', spec).day('2026-12-31')).toMatchObject({
      working: false,
      reason: { kind: 'override', reason: '年终盘点' },
    });
    expect(contractCalendar('24x7', spec).day('2026-12-31').working).toBe(true);
  });

  it('refuses a calendar the contract does not know', () => {
    expect(() => contractCalendar('7x24', spec)).toThrow(
      'unknown calendar "7x24"',
    );
  });

  it('names the definition and the data in its version, stable across instances', () => {
    expect(fiveByEight.version).toMatch(
      /^5x8@[0-9a-f]{8}\+chinese-days@1\.5\.7$/,
    );
    expect(new BusinessCalendar(CALENDAR_5X8).version).toBe(
      fiveByEight.version,
    );
    expect(contractCalendar('5x8', spec).version).not.toBe(fiveByEight.version);
    expect(allHours.version).toMatch(/^24x7@[0-9a-f]{8}$/);
  });
});

describe('the years a calendar serves', () => {
  const y = (iso: string) => Date.parse(iso);

  it.each([
    ['0001-01-01T02:00:00Z'],
    ['1955-06-01T02:00:00Z'],
    ['1960-03-03T02:00:00Z'],
    ['1970-01-01T00:00:00Z'],
    ['9999-12-31T00:00:00Z'],
  ])('refuses %s before any arithmetic, with a typed error', iso => {
    expect(() => fiveByEight.addWorkingTime(y(iso), 30 * 60_000)).toThrow(
      CalendarRangeError,
    );
    expect(() =>
      fiveByEight.closeOfBusinessAfterWorkingDays(y(iso), 3),
    ).toThrow(/outside the years calendar 5x8 serves \(2000 to 2099\)/);
    expect(() =>
      fiveByEight.workingTimeBetween(y(iso), y('2026-01-01T00:00:00Z')),
    ).toThrow(CalendarRangeError);
    expect(() => fiveByEight.isWorkingAt(y(iso))).toThrow(CalendarRangeError);
  });

  it('refuses a span longer than it counts in one computation', () => {
    expect(() =>
      fiveByEight.workingTimeBetween(
        y('2001-01-01T00:00:00Z'),
        y('2090-01-01T00:00:00Z'),
      ),
    ).toThrow(/does not count more than 20 years/);
  });

  it('still serves its years', () => {
    expect(calendarServes(y('2026-12-04T10:00:00Z'))).toBe(true);
    expect(calendarServes(y('1999-12-31T00:00:00Z'))).toBe(false);
    expect(calendarServes(NaN)).toBe(false);
  });
});
