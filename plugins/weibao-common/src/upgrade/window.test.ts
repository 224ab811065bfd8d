import { contractCalendar } from '../calendar';
import type { UpgradeFreeze, UpgradeWindow } from './types';
import { checkUpgradeWindow, upgradeWindowShapeProblems } from './window';

const calendar = contractCalendar('5x8');
const CHONGZUO = 'system:default/chongzuo-mch';
const LONGZHOU = 'system:default/longzhou-people';

/** `sh('2026-11-28T20:00')`: a local time in Asia/Shanghai, whatever the process's TZ. */
const sh = (s: string) => Date.parse(`${s}:00+08:00`);
const win = (
  start: string,
  end: string,
  expectedDowntimeMinutes = 60,
): UpgradeWindow => ({
  start: sh(start),
  end: sh(end),
  expectedDowntimeMinutes,
});
const check = (w: UpgradeWindow, freezes: UpgradeFreeze[] = []) =>
  checkUpgradeWindow(w, calendar, { freezes, hospitalRef: CHONGZUO });

describe('the calendar facts these tests rely on (chinese-days data, 5x8)', () => {
  it('knows the 2026 National Day arrangement and the Saturdays used', () => {
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.day('2026-11-28')).toMatchObject({
      working: false,
      reason: { kind: 'weekly' },
    });
    expect(new Date(sh('2026-11-28T12:00')).getUTCDay()).toBe(6); // Saturday
    expect(calendar.day('2026-09-30').reason).toEqual({ kind: 'weekly' });
    for (const date of ['2026-10-01', '2026-10-07']) {
      expect(calendar.day(date).reason).toEqual({
        kind: 'official-holiday',
        name: '国庆节',
      });
    }
    expect(calendar.day('2026-10-08').reason).toEqual({ kind: 'weekly' });
    for (const date of ['2026-09-20', '2026-10-10']) {
      expect(calendar.day(date)).toMatchObject({
        working: true,
        reason: { kind: 'make-up-workday', name: '国庆节' },
      });
    }
    expect(new Date(sh('2026-10-10T12:00')).getUTCDay()).toBe(6); // Saturday
    expect(calendar.day('2026-10-09').reason).toEqual({ kind: 'weekly' });
    expect(calendar.hasOfficialData(2027)).toBe(false);
    expect(calendar.day('2027-01-01').reason).toEqual({
      kind: 'provisional-holiday',
      name: '元旦',
    });
  });
});

describe('checkUpgradeWindow', () => {
  it('accepts a Saturday evening that is neither a holiday nor a make-up workday', () => {
    expect(check(win('2026-11-28T20:00', '2026-11-29T00:00', 120))).toEqual([]);
  });

  it('refuses a window that does not end after it starts', () => {
    const w = win('2026-11-28T20:00', '2026-11-28T20:00');
    expect(check(w)).toEqual([
      { field: 'window.end', reason: 'the window must end after it starts' },
    ]);
    expect(check(win('2026-11-28T20:00', '2026-11-28T19:00'))).toHaveLength(1);
  });

  it('refuses downtime that is negative or longer than the window', () => {
    for (const minutes of [-1, 241]) {
      expect(
        check(win('2026-11-28T20:00', '2026-11-29T00:00', minutes)),
      ).toEqual([
        {
          field: 'window.expectedDowntimeMinutes',
          reason: `${minutes} minutes of downtime does not fit a window of 240 minutes`,
        },
      ]);
    }
    expect(check(win('2026-11-28T20:00', '2026-11-29T00:00', 240))).toEqual([]);
  });

  it('refuses a window longer than 72 hours (exactly 72 is fine)', () => {
    expect(check(win('2026-11-27T20:00', '2026-11-30T20:00'))).toEqual([]);
    expect(check(win('2026-11-27T20:00', '2026-11-30T20:01'))).toEqual([
      {
        field: 'window.end',
        reason:
          'the window lasts 4321 minutes; a window may last at most 72 hours',
      },
    ]);
  });

  it('names each official holiday the window touches, in Asia/Shanghai days', () => {
    expect(check(win('2026-10-01T20:00', '2026-10-02T00:00'))).toEqual([
      {
        field: 'window',
        reason:
          '2026-10-01 is 国庆节, an official holiday: no upgrades on holidays',
      },
    ]);
    // 22:00 on 30 September to 02:00 on 1 October touches the holiday
    const across = check(win('2026-09-30T22:00', '2026-10-01T02:00'));
    expect(across.map(p => p.reason)).toEqual([
      '2026-10-01 is 国庆节, an official holiday: no upgrades on holidays',
    ]);
    // 16:00Z on 30 September is already 00:00 on 1 October in Shanghai
    expect(
      check({
        start: Date.parse('2026-09-30T16:00:00Z'),
        end: Date.parse('2026-09-30T18:00:00Z'),
        expectedDowntimeMinutes: 30,
      }).map(p => p.reason),
    ).toEqual([
      '2026-10-01 is 国庆节, an official holiday: no upgrades on holidays',
    ]);
    // ending at 24:00 on 30 September does not touch 1 October
    expect(check(win('2026-09-30T20:00', '2026-10-01T00:00'))).toEqual([]);
    // two holiday days, two problems
    expect(check(win('2026-10-06T20:00', '2026-10-08T02:00'))).toHaveLength(2);
  });

  it('names a provisional holiday of a year without official data', () => {
    expect(check(win('2027-01-01T20:00', '2027-01-01T23:00'))).toEqual([
      {
        field: 'window',
        reason: expect.stringMatching(
          /^2027-01-01 is 元旦, an official holiday \(provisional/,
        ),
      },
    ]);
  });

  it('refuses a window that starts or ends on a make-up workday (调休)', () => {
    expect(check(win('2026-10-10T20:00', '2026-10-10T23:00'))).toEqual([
      {
        field: 'window.start',
        reason: expect.stringContaining(
          '2026-10-10 is a make-up workday (调休) for 国庆节',
        ),
      },
      {
        field: 'window.end',
        reason: expect.stringContaining(
          '2026-10-10 is a make-up workday (调休)',
        ),
      },
    ]);
    // Saturday 19 September into Sunday 20 September, a make-up workday
    expect(check(win('2026-09-19T22:00', '2026-09-20T04:00'))).toEqual([
      {
        field: 'window.end',
        reason: expect.stringContaining(
          '2026-09-20 is a make-up workday (调休)',
        ),
      },
    ]);
  });

  it('refuses a window in a freeze, global or for this hospital, naming its dates and reason', () => {
    const freezes: UpgradeFreeze[] = [
      { from: '2026-11-30', to: '2026-12-04', reason: '等级评审现场检查' },
      {
        from: '2026-11-27',
        to: '2026-11-28',
        reason: '医保结算系统切换',
        hospital: CHONGZUO,
      },
      {
        from: '2026-11-01',
        to: '2026-11-30',
        reason: '龙州县人民医院信息化验收',
        hospital: LONGZHOU,
      },
    ];
    expect(check(win('2026-11-28T20:00', '2026-11-29T00:00'), freezes)).toEqual(
      [
        {
          field: 'window',
          reason:
            'the window falls in the freeze 2026-11-27 – 2026-11-28: 医保结算系统切换',
        },
      ],
    );
    expect(check(win('2026-11-29T20:00', '2026-11-30T02:00'), freezes)).toEqual(
      [
        {
          field: 'window',
          reason:
            'the window falls in the freeze 2026-11-30 – 2026-12-04: 等级评审现场检查',
        },
      ],
    );
    // the day after a freeze ends is free
    expect(check(win('2026-12-05T20:00', '2026-12-06T00:00'), freezes)).toEqual(
      [],
    );
  });

  it('gives every problem at once', () => {
    const problems = check(win('2026-10-10T20:00', '2026-10-11T02:00', 999), [
      { from: '2026-10-11', to: '2026-10-11', reason: '院庆' },
    ]);
    expect(problems.map(p => p.field)).toEqual([
      'window.expectedDowntimeMinutes',
      'window.start',
      'window',
    ]);
  });
});

describe('upgradeWindowShapeProblems', () => {
  it('ignores the calendar', () => {
    expect(
      upgradeWindowShapeProblems(win('2026-10-01T20:00', '2026-10-01T23:00')),
    ).toEqual([]);
    expect(
      upgradeWindowShapeProblems({
        start: NaN,
        end: sh('2026-10-01T23:00'),
        expectedDowntimeMinutes: 0,
      }),
    ).toEqual([{ field: 'window.start', reason: 'the window needs a start' }]);
  });
});
