import { DateTime } from 'luxon';
import { BusinessCalendar } from '../calendar/BusinessCalendar';
import { CALENDAR_24X7, CALENDAR_5X8 } from '../calendar/calendars';
import { ClockHistory, evaluateClock } from './clock';

const zone = 'Asia/Shanghai';
const at = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const show = (t: number | null) =>
  t === null
    ? null
    : DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const HOUR = 3_600_000;

const fiveByEight = new BusinessCalendar(CALENDAR_5X8);
const allHours = new BusinessCalendar(CALENDAR_24X7);
const byName = (name: string) => (name === '24x7' ? allHours : fiveByEight);

const clock = (
  startedAt: string,
  amount: number,
  unit: 'minutes' | 'hours' | 'working-days',
  extra: Partial<ClockHistory> = {},
): ClockHistory => ({
  startedAt: at(startedAt),
  targets: [{ at: at(startedAt), target: { amount, unit } }],
  pauses: [],
  ...extra,
});

describe('a running clock', () => {
  // level 1, engineer departs within 2 hours, any time (24x7), reported at night
  const dispatch = clock('2026-10-02T23:10', 2, 'hours');

  it('answers due time, elapsed, remaining and percent at any instant', () => {
    const state = evaluateClock(allHours, dispatch, at('2026-10-03T00:10'));
    expect(state).toMatchObject({
      status: 'running',
      dueAt: at('2026-10-03T01:10'),
      budgetMs: 2 * HOUR,
      elapsedMs: HOUR,
      remainingMs: HOUR,
      percentElapsed: 50,
      breachedAt: null,
      metAt: null,
      calendarVersion: allHours.version,
      warnings: [],
    });
    expect(state.thresholdsCrossed).toEqual([
      { percent: 50, at: at('2026-10-03T00:10') },
    ]);
  });

  it('crosses 75 % and then breaches, once, at the due time', () => {
    const later = evaluateClock(allHours, dispatch, at('2026-10-03T02:00'));
    expect(later.status).toBe('breached');
    expect(show(later.breachedAt)).toBe('2026-10-03T01:10');
    expect(later.thresholdsCrossed.map(c => [c.percent, show(c.at)])).toEqual([
      [50, '2026-10-03T00:10'],
      [75, '2026-10-03T00:40'],
    ]);
    expect(later.remainingMs).toBe(-50 * 60_000);
    // exactly at the due time it is not yet overdue
    expect(
      evaluateClock(allHours, dispatch, at('2026-10-03T01:10')).status,
    ).toBe('running');
  });

  it('takes other warning thresholds from the caller', () => {
    const state = evaluateClock(allHours, dispatch, at('2026-10-03T00:50'), {
      warningThresholds: [80, 90],
    });
    expect(state.thresholdsCrossed.map(c => c.percent)).toEqual([80]);
  });

  it('gives the same answer computed twice', () => {
    const now = at('2026-10-05T12:00');
    expect(evaluateClock(allHours, dispatch, now)).toEqual(
      evaluateClock(allHours, dispatch, now),
    );
  });
});

describe('met and breached', () => {
  const response = clock('2026-03-09T10:00', 30, 'minutes');

  it('is met when the milestone comes in time', () => {
    const state = evaluateClock(
      fiveByEight,
      { ...response, stoppedAt: at('2026-03-09T10:20') },
      at('2026-03-09T15:00'),
    );
    expect(state).toMatchObject({
      status: 'met',
      metAt: at('2026-03-09T10:20'),
      elapsedMs: 20 * 60_000,
      breachedAt: null,
    });
  });

  it('stays breached, with its first breach time, when met late', () => {
    const state = evaluateClock(
      fiveByEight,
      { ...response, stoppedAt: at('2026-03-09T11:00') },
      at('2026-03-10T09:00'),
    );
    expect(state.status).toBe('breached');
    expect(show(state.breachedAt)).toBe('2026-03-09T10:30');
    expect(show(state.metAt)).toBe('2026-03-09T11:00');
  });
});

describe('reports outside working time', () => {
  it('starts counting a 5x8 clock at the next working instant after a weekend report', () => {
    // Saturday night report, 30 min response on 5x8: due Monday 09:30
    const state = evaluateClock(
      fiveByEight,
      clock('2026-03-07T21:00', 30, 'minutes'),
      at('2026-03-08T12:00'),
    );
    expect(show(state.dueAt)).toBe('2026-03-09T09:30');
    expect(state.elapsedMs).toBe(0);
  });

  it('counts level 3 dispatch in working days across National Day', () => {
    const state = evaluateClock(
      fiveByEight,
      clock('2026-09-30T17:00', 3, 'working-days'),
      at('2026-10-05T12:00'),
    );
    expect(show(state.dueAt)).toBe('2026-10-10T18:00');
    // the report day (30 Sep) is not counted: the budget is the 3 counted days of 9 h
    expect(state.budgetMs).toBe(
      fiveByEight.workingTimeBetween(
        at('2026-10-01T00:00'),
        at('2026-10-10T18:00'),
      ),
    );
    expect(state.budgetMs).toBe(27 * HOUR);
  });
});

describe('pauses', () => {
  // 8 working hours, paused while waiting for the hospital's permission for remote access,
  // resumed after National Day
  const waiting = clock('2026-09-28T14:00', 8, 'hours', {
    pauses: [
      {
        from: at('2026-09-29T10:00'),
        to: at('2026-10-09T10:00'),
        reason: '等待甲方远程访问许可',
      },
    ],
  });

  it('stops counting while paused, and has no due time then', () => {
    const state = evaluateClock(fiveByEight, waiting, at('2026-10-05T10:00'));
    expect(state).toMatchObject({
      status: 'paused',
      dueAt: null,
      elapsedMs: 5 * HOUR,
      remainingMs: 3 * HOUR,
    });
  });

  it('resumes after the holiday with the time left', () => {
    const state = evaluateClock(fiveByEight, waiting, at('2026-10-09T11:00'));
    expect(state.status).toBe('running');
    expect(show(state.dueAt)).toBe('2026-10-09T13:00');
    expect(state.elapsedMs).toBe(6 * HOUR);
  });

  it('moves a working-days due time by the working time the pause took', () => {
    const history = clock('2026-03-09T10:00', 3, 'working-days', {
      pauses: [
        {
          from: at('2026-03-10T09:00'),
          to: at('2026-03-10T13:00'),
          reason: '约定时间',
        },
      ],
    });
    expect(
      show(evaluateClock(fiveByEight, history, at('2026-03-10T14:00')).dueAt),
    ).toBe('2026-03-13T13:00');
  });
});

describe('a period in working days under pauses (Civil Code art. 201)', () => {
  // Reported Friday 4 Dec 2026 10:00 on 5x8: the report day is not counted, so 3 working days
  // are Mon 7, Tue 8, Wed 9 December → due Wednesday 18:00.
  const reported = '2026-12-04T10:00';

  it('is not moved by a pause on the report day (issue 14: it moved to Thursday 11:00)', () => {
    const history = clock(reported, 3, 'working-days', {
      pauses: [
        {
          from: at('2026-12-04T11:00'),
          to: at('2026-12-04T13:00'),
          reason: '等待医院确认',
        },
      ],
    });
    const state = evaluateClock(fiveByEight, history, at('2026-12-04T14:00'));
    expect(show(state.dueAt)).toBe('2026-12-09T18:00');
    expect(
      show(
        evaluateClock(
          fiveByEight,
          clock(reported, 3, 'working-days'),
          at('2026-12-04T14:00'),
        ).dueAt,
      ),
    ).toBe('2026-12-09T18:00');
    // nothing counts on the report day
    expect(state.elapsedMs).toBe(0);
    expect(state.budgetMs).toBe(3 * 9 * HOUR);
  });

  it('is moved by the working time of a pause inside the counted days', () => {
    const history = clock(reported, 3, 'working-days', {
      pauses: [
        {
          from: at('2026-12-07T10:00'),
          to: at('2026-12-07T12:00'),
          reason: '等待医院确认',
        },
      ],
    });
    expect(
      show(evaluateClock(fiveByEight, history, at('2026-12-08T09:00')).dueAt),
    ).toBe('2026-12-10T11:00');
  });

  it('counts only the part of a pause that reaches into the counted days', () => {
    // paused Friday 17:00 to Monday 10:00: one working hour of Monday paused
    const history = clock(reported, 3, 'working-days', {
      pauses: [
        {
          from: at('2026-12-04T17:00'),
          to: at('2026-12-07T10:00'),
          reason: '周末停机',
        },
      ],
    });
    expect(
      show(evaluateClock(fiveByEight, history, at('2026-12-07T11:00')).dueAt),
    ).toBe('2026-12-10T10:00');
  });
});

describe('re-grading', () => {
  // reported as level 3 (3 working days on 5x8), re-graded next morning to level 2 (6 hours, 24x7)
  const regraded: ClockHistory = {
    startedAt: at('2026-03-09T10:00'),
    targets: [
      {
        at: at('2026-03-09T10:00'),
        target: { amount: 3, unit: 'working-days' },
        calendar: '5x8',
      },
      {
        at: at('2026-03-09T12:00'),
        target: { amount: 6, unit: 'hours' },
        calendar: '24x7',
        reason: '全部窗口无法挂号',
      },
    ],
    pauses: [],
  };

  it('counts the new target from the original start', () => {
    const state = evaluateClock(byName, regraded, at('2026-03-09T13:00'));
    expect(show(state.dueAt)).toBe('2026-03-09T16:00');
    expect(state.elapsedMs).toBe(3 * HOUR);
    expect(state.calendarVersion).toBe(allHours.version);
  });

  it('breaches at the re-grade when the stricter target is already overdue', () => {
    const late: ClockHistory = {
      ...regraded,
      targets: [
        regraded.targets[0],
        { ...regraded.targets[1], at: at('2026-03-10T09:00') },
      ],
    };
    const state = evaluateClock(byName, late, at('2026-03-10T10:00'));
    expect(state.status).toBe('breached');
    expect(show(state.breachedAt)).toBe('2026-03-10T09:00');
  });

  it('keeps a breach of the old target even after a more lenient re-grade', () => {
    const relaxed: ClockHistory = {
      startedAt: at('2026-03-09T10:00'),
      targets: [
        { at: at('2026-03-09T10:00'), target: { amount: 30, unit: 'minutes' } },
        {
          at: at('2026-03-09T11:00'),
          target: { amount: 3, unit: 'working-days' },
        },
      ],
      pauses: [],
    };
    const state = evaluateClock(fiveByEight, relaxed, at('2026-03-09T12:00'));
    expect(state.status).toBe('breached');
    expect(show(state.breachedAt)).toBe('2026-03-09T10:30');
    expect(show(state.dueAt)).toBe('2026-03-12T18:00');
  });

  it('ignores targets set after the instant asked about', () => {
    const state = evaluateClock(byName, regraded, at('2026-03-09T11:00'));
    expect(show(state.dueAt)).toBe('2026-03-12T18:00');
  });
});

describe('year boundaries', () => {
  it('warns that a due time in a year without official days is provisional', () => {
    const state = evaluateClock(
      fiveByEight,
      clock('2026-12-30T10:00', 7, 'working-days'),
      at('2026-12-30T11:00'),
    );
    // 31 Dec (1); 1 Jan 2027 off (fixed-date); weekend; 4–8 Jan (2..6); 11 Jan (7)
    expect(show(state.dueAt)).toBe('2027-01-11T18:00');
    expect(state.warnings).toEqual([
      expect.stringMatching(/^provisional: the official holidays of 2027/),
    ]);
  });

  it('has no warning within published years', () => {
    const state = evaluateClock(
      fiveByEight,
      clock('2026-12-28T10:00', 2, 'hours'),
      at('2026-12-28T11:00'),
    );
    expect(state.warnings).toEqual([]);
  });
});
