import type { ClockState } from '../sla/clock';
import type { IncidentClock } from './types';
import { nextClockAlertAfter, nextClockAlertAt } from './alerts';
import type { EvaluatedIncidentClock } from './views';

const at = (iso: string) => Date.parse(iso);
const REPORTED = at('2026-11-02T09:00:00+08:00');
const DUE = at('2026-11-02T09:30:00+08:00');
const T50 = at('2026-11-02T09:15:00+08:00');
const T80 = at('2026-11-02T09:24:00+08:00');

function evaluated(
  state: Partial<ClockState>,
  clock: Partial<IncidentClock> = {},
): EvaluatedIncidentClock {
  return {
    clock: { milestone: 'response', ...clock } as IncidentClock,
    state: {
      status: 'running',
      evaluatedAt: REPORTED,
      dueAt: DUE,
      budgetMs: 30 * 60_000,
      elapsedMs: 0,
      remainingMs: 30 * 60_000,
      percentElapsed: 0,
      thresholdsCrossed: [],
      thresholdsAt: [
        { percent: 50, at: T50 },
        { percent: 80, at: T80 },
      ],
      breachedAt: null,
      metAt: null,
      calendarVersion: '7x24@1',
      warnings: [],
      ...state,
    },
    atRiskAt: T80,
  };
}

describe('nextClockAlertAt (the rows written with every change)', () => {
  it('is the first warning threshold of a running clock', () => {
    expect(nextClockAlertAt(evaluated({}))).toBe(T50);
  });

  it('is the breach, at once, for a breached clock', () => {
    const breachedAt = at('2026-11-02T09:30:00+08:00');
    expect(
      nextClockAlertAt(evaluated({ status: 'breached', breachedAt })),
    ).toBe(breachedAt);
  });

  it('is none for a met, paused or retired clock', () => {
    expect(
      nextClockAlertAt(evaluated({ status: 'met', metAt: T50 })),
    ).toBeNull();
    expect(
      nextClockAlertAt(
        evaluated({
          status: 'paused',
          dueAt: null,
          thresholdsAt: [{ percent: 50, at: null }],
        }),
      ),
    ).toBeNull();
    expect(
      nextClockAlertAt(evaluated({}, { retiredAt: T50 } as IncidentClock)),
    ).toBeNull();
  });
});

describe('nextClockAlertAfter (the sweep, having just looked)', () => {
  it('is the next threshold or due time still ahead', () => {
    expect(nextClockAlertAfter(evaluated({}), T50)).toBe(T80);
    expect(nextClockAlertAfter(evaluated({}), T80)).toBe(DUE);
    expect(nextClockAlertAfter(evaluated({}), DUE)).toBeNull();
  });

  it('is none once the clock breached (its breach was just told)', () => {
    expect(
      nextClockAlertAfter(
        evaluated({ status: 'breached', breachedAt: DUE }),
        DUE,
      ),
    ).toBeNull();
  });
});
