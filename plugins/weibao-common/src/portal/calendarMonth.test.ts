import { BusinessCalendar } from '../calendar/BusinessCalendar';
import { CALENDAR_5X8, contractCalendar } from '../calendar/calendars';
import {
  buildCalendarMonth,
  calendarMonthOf,
  calendarMonthSpan,
  CalendarEntry,
  CalendarMonthDay,
  parseCalendarMonth,
  shiftCalendarMonth,
} from './calendarMonth';

const calendar = new BusinessCalendar(CALENDAR_5X8);

const duty = (
  occurrenceId: string,
  dueAt: string,
  state: 'overdue' | 'due' | 'upcoming' | 'done' | 'waived',
  obligationId = 'backup.daily',
): CalendarEntry => ({
  kind: 'duty',
  occurrenceId,
  obligationId,
  obligationKind: obligationId.startsWith('backup') ? 'backup' : 'inspection',
  frequency: obligationId.endsWith('daily') ? 'daily' : 'quarterly',
  followUpKind: null,
  state,
  dueAt,
});

const dayOf = (weeks: CalendarMonthDay[][], date: string) => {
  const found = weeks.flat().find(d => d.date === date);
  if (!found) throw new Error(`${date} is not on the grid`);
  return found;
};

describe('parseCalendarMonth', () => {
  it.each(['2026-12', '2000-01', '2099-12'])('takes %s', month => {
    expect(parseCalendarMonth(month)).toEqual({ ok: true, month });
  });

  it.each([
    ['2026-13', 'has no month 13'],
    ['2026-00', 'has no month 00'],
    ['1999-12', 'outside the years Weibao serves (2000 to 2099)'],
    ['2100-01', 'outside the years Weibao serves (2000 to 2099)'],
    ['2026-1', 'must be a month written YYYY-MM'],
    ['2026-12-01', 'must be a month written YYYY-MM'],
    [undefined, 'must be a month written YYYY-MM, got null'],
    [202612, 'must be a month written YYYY-MM'],
  ])('refuses %p', (value, reason) => {
    const parsed = parseCalendarMonth(value);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});

describe('months', () => {
  it('moves across years', () => {
    expect(shiftCalendarMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftCalendarMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftCalendarMonth('2026-03', 0)).toBe('2026-03');
  });

  it('takes the month of an instant in the calendar time zone', () => {
    // 31 Dec 2026 17:00 UTC is 1 Jan 2027 01:00 in Beijing
    const instant = Date.parse('2026-12-31T17:00:00Z');
    expect(calendarMonthOf(instant, 'Asia/Shanghai')).toBe('2027-01');
    expect(calendarMonthOf(instant, 'UTC')).toBe('2026-12');
  });

  it('spans whole weeks from Monday to Sunday, bounded in the time zone', () => {
    // December 2026: Tuesday 1st to Thursday 31st
    const december = calendarMonthSpan('2026-12', 'Asia/Shanghai');
    expect(december.dates).toHaveLength(35);
    expect(december.dates[0]).toBe('2026-11-30');
    expect(december.dates[34]).toBe('2027-01-03');
    expect(new Date(december.from).toISOString()).toBe(
      '2026-11-29T16:00:00.000Z',
    );
    expect(new Date(december.to).toISOString()).toBe(
      '2027-01-03T16:00:00.000Z',
    );
    // February 2027 starts on a Monday and ends on a Sunday: four weeks exactly
    expect(calendarMonthSpan('2027-02', 'Asia/Shanghai').dates).toHaveLength(
      28,
    );
    // August 2026: Saturday 1st to Monday 31st, six weeks
    expect(calendarMonthSpan('2026-08', 'Asia/Shanghai').dates).toHaveLength(
      42,
    );
  });
});

describe('buildCalendarMonth', () => {
  it('marks the official days of 2026 (DOMAIN.md): holidays with their names, make-up workdays, weekends', () => {
    const october = buildCalendarMonth({
      month: '2026-10',
      calendar,
      entries: [],
    });
    expect(october.every(w => w.length === 7)).toBe(true);
    expect(october[0][0]).toMatchObject({
      date: '2026-09-28',
      inMonth: false,
      weekday: 1,
      kind: 'workday',
    });
    expect(dayOf(october, '2026-11-01')).toMatchObject({
      kind: 'weekend',
      inMonth: false,
    });
    expect(dayOf(october, '2026-10-01')).toMatchObject({
      kind: 'holiday',
      holiday: '国庆节',
      inMonth: true,
      weekday: 4,
      provisional: false,
    });
    expect(dayOf(october, '2026-10-07').kind).toBe('holiday');
    expect(dayOf(october, '2026-10-08').kind).toBe('workday');
    expect(dayOf(october, '2026-10-10')).toMatchObject({
      kind: 'make-up-workday',
      holiday: '国庆节',
      weekday: 6,
    });
    expect(dayOf(october, '2026-10-11')).toMatchObject({
      kind: 'weekend',
      holiday: null,
    });
  });

  it('shows 元旦 and the Sunday make-up workday of January 2026', () => {
    const january = buildCalendarMonth({
      month: '2026-01',
      calendar,
      entries: [],
    });
    expect(
      ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'].map(d => {
        const day = dayOf(january, d);
        return [d, day.kind, day.holiday];
      }),
    ).toEqual([
      ['2026-01-01', 'holiday', '元旦'],
      ['2026-01-02', 'holiday', '元旦'],
      ['2026-01-03', 'holiday', '元旦'],
      ['2026-01-04', 'make-up-workday', '元旦'],
    ]);
    expect(dayOf(january, '2025-12-31').kind).toBe('workday');
  });

  it('assumes only the fixed-date holidays of a year not yet published', () => {
    const may = buildCalendarMonth({ month: '2099-05', calendar, entries: [] });
    expect(dayOf(may, '2099-05-01')).toMatchObject({
      kind: 'holiday',
      holiday: '劳动节',
      provisional: true,
    });
  });

  it("applies an operator's override: a regional closure is a holiday named by its reason", () => {
    const closed = contractCalendar('5x8', undefined, {
      overrides: [
        { date: '2026-12-09', working: false, reason: '台风停工' },
        { date: '2026-12-12', working: true, reason: '补班' },
      ],
    });
    const december = buildCalendarMonth({
      month: '2026-12',
      calendar: closed,
      entries: [],
    });
    expect(dayOf(december, '2026-12-09')).toMatchObject({
      kind: 'holiday',
      holiday: '台风停工',
    });
    expect(dayOf(december, '2026-12-12').kind).toBe('workday');
  });

  it("groups a day's occurrences of one duty with their count and worst state", () => {
    const backups = Array.from({ length: 8 }, (_, i) =>
      duty(`b${i}`, '2026-12-08T23:00:00+08:00', i < 5 ? 'done' : 'overdue'),
    );
    const december = buildCalendarMonth({
      month: '2026-12',
      calendar,
      entries: [
        ...backups,
        duty('w1', '2026-12-08T10:00:00+08:00', 'waived'),
        duty('i1', '2026-12-08T18:00:00+08:00', 'due', 'inspection.quarterly'),
        {
          ...duty(
            'r1',
            '2026-12-08T18:00:00+08:00',
            'upcoming',
            'inspection.quarterly',
          ),
          followUpKind: 'report',
        } as CalendarEntry,
        duty('b9', '2026-12-09T23:00:00+08:00', 'upcoming'),
      ],
    });
    expect(dayOf(december, '2026-12-08').events).toEqual([
      {
        kind: 'duty',
        obligationId: 'backup.daily',
        obligationKind: 'backup',
        frequency: 'daily',
        followUpKind: null,
        count: 9,
        state: 'overdue',
        states: { done: 5, overdue: 3, waived: 1 },
        occurrenceId: 'b5',
      },
      {
        kind: 'duty',
        obligationId: 'inspection.quarterly',
        obligationKind: 'inspection',
        frequency: 'quarterly',
        followUpKind: null,
        count: 1,
        state: 'due',
        states: { due: 1 },
        occurrenceId: 'i1',
      },
      {
        kind: 'duty',
        obligationId: 'inspection.quarterly',
        obligationKind: 'inspection',
        frequency: 'quarterly',
        followUpKind: 'report',
        count: 1,
        state: 'upcoming',
        states: { upcoming: 1 },
        occurrenceId: 'r1',
      },
    ]);
    expect(dayOf(december, '2026-12-09').events).toMatchObject([
      { count: 1, state: 'upcoming', occurrenceId: 'b9' },
    ]);
  });

  it('places instants on the local day of the calendar time zone, whatever TZ runs the code', () => {
    // 31 Dec 2026 16:30 UTC is 1 Jan 2027 00:30 in Beijing: on the grid's 1 January
    const december = buildCalendarMonth({
      month: '2026-12',
      calendar,
      entries: [
        duty('late', '2026-12-31T16:30:00Z', 'upcoming'),
        duty('outside', '2027-01-04T02:00:00+08:00', 'upcoming'),
      ],
    });
    expect(dayOf(december, '2026-12-31').events).toEqual([]);
    expect(dayOf(december, '2027-01-01')).toMatchObject({
      inMonth: false,
      kind: 'holiday',
      holiday: '元旦',
      events: [{ occurrenceId: 'late' }],
    });
    expect(december.flat().flatMap(d => d.events)).toHaveLength(1);
  });

  it('places a duty due at 24:00 (the daily backup) on the day it ends', () => {
    const december = buildCalendarMonth({
      month: '2026-12',
      calendar,
      entries: [
        duty('eighth', '2026-12-09T00:00:00+08:00', 'due'),
        duty('ninth', '2026-12-09T00:00:00.001+08:00', 'upcoming'),
      ],
    });
    expect(
      dayOf(december, '2026-12-08').events.map(e =>
        e.kind === 'duty' ? e.occurrenceId : e.kind,
      ),
    ).toEqual(['eighth']);
    expect(
      dayOf(december, '2026-12-09').events.map(e =>
        e.kind === 'duty' ? e.occurrenceId : e.kind,
      ),
    ).toEqual(['ninth']);
  });

  it('lays spans on every day they cover, clipped to the grid, and orders a day', () => {
    const december = buildCalendarMonth({
      month: '2026-12',
      calendar,
      entries: [
        {
          kind: 'certificate-expiry',
          batchId: 'c1',
          systemRef: 'component:default/ca-chongzuo',
          systemTitle: '个人身份证书',
          item: 'personal-certificate',
          medium: 'usb-key',
          count: 494,
          expiresOn: '2026-12-19',
        },
        {
          kind: 'upgrade-window',
          planId: 'p1',
          title: 'ZLHIS 10.3',
          systemRef: 'component:default/zlhis-chongzuo',
          systemTitle: 'ZLHIS',
          status: 'ready',
          // Saturday 22:00 to Sunday 06:00 in Beijing
          start: '2026-12-19T14:00:00Z',
          end: '2026-12-19T22:00:00Z',
        },
        {
          kind: 'freeze',
          reason: '等级评审迎检',
          from: '2026-11-20',
          to: '2026-12-02',
          hospitalRef: null,
          hospitalTitle: null,
        },
        {
          kind: 'drill',
          drillId: 'd1',
          scenario: '服务器宕机',
          systemRef: 'component:default/zlhis-chongzuo',
          systemTitle: 'ZLHIS',
          passed: true,
          performedAt: '2026-12-19T03:00:00Z',
        },
        duty('b1', '2026-12-19T23:00:00+08:00', 'upcoming'),
      ],
    });
    expect(dayOf(december, '2026-12-19').events.map(e => e.kind)).toEqual([
      'upgrade-window',
      'duty',
      'drill',
      'certificate-expiry',
    ]);
    expect(dayOf(december, '2026-12-20').events.map(e => e.kind)).toEqual([
      'upgrade-window',
    ]);
    expect(dayOf(december, '2026-12-21').events).toEqual([]);
    const frozen = december
      .flat()
      .filter(d => d.events.some(e => e.kind === 'freeze'))
      .map(d => d.date);
    expect(frozen).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('does not put a window ending at midnight on the next day', () => {
    const december = buildCalendarMonth({
      month: '2026-12',
      calendar,
      entries: [
        {
          kind: 'upgrade-window',
          planId: 'p2',
          title: 'Queue 2.1',
          systemRef: 'component:default/queue-chongzuo',
          systemTitle: null,
          status: 'draft',
          start: '2026-12-05T20:00:00+08:00',
          end: '2026-12-06T00:00:00+08:00',
        },
      ],
    });
    expect(dayOf(december, '2026-12-05').events).toHaveLength(1);
    expect(dayOf(december, '2026-12-06').events).toHaveLength(0);
  });
});
