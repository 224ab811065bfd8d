import type { ClockMilestone, SeverityLevel } from '../contract/types';
import { refuseInput } from '../rules/RuleError';
import type { IncidentClock, IncidentState } from './types';

/*
 * What the lifecycle does to an incident's contract clocks: starts them at the report with the
 * level's terms, stops them as milestones are met, pauses and resumes them, counts the
 * resolution clocks again on a reopening, and re-grades them to another level's terms.
 */

/** Whether a clock still counts: neither stopped nor retired. */
export function isCounting(clock: IncidentClock): boolean {
  return clock.history.stoppedAt === undefined && clock.retiredAt === undefined;
}

/** The clocks a level of the contract sets, started at the report. */
export function clocksOfLevel(
  level: Pick<SeverityLevel, 'clocks'>,
  at: number,
  startedAt: number,
): IncidentClock[] {
  return level.clocks.map(c => ({
    milestone: c.milestone,
    history: {
      startedAt,
      targets: [{ at, target: c.target, calendar: c.calendar }],
      pauses: [],
    },
  }));
}

export function levelOf(state: Pick<IncidentState, 'terms'>, level: number) {
  const levels = state.terms?.levels;
  if (!levels) return undefined;
  const found = levels.find(l => l.level === level);
  if (!found) {
    throw refuseInput(
      'level',
      `${level} is not a level of contract ${
        state.terms!.contractRef
      } (levels ${levels.map(l => l.level).join(', ')})`,
    );
  }
  return found;
}

function withClocks(
  state: IncidentState,
  change: (clock: IncidentClock) => IncidentClock,
): IncidentState {
  return { ...state, clocks: state.clocks.map(change) };
}

/** Closes the open pause at `at` on every clock that has it, and on the incident. */
export function resumeAt(state: IncidentState, at: number): IncidentState {
  if (!state.pause) return state;
  const close = <P extends { to?: number }>(pauses: ReadonlyArray<P>): P[] => {
    const last = pauses[pauses.length - 1];
    if (!last || last.to !== undefined) return [...pauses];
    return [...pauses.slice(0, -1), { ...last, to: at }];
  };
  return {
    ...withClocks(state, clock => ({
      ...clock,
      history: { ...clock.history, pauses: close(clock.history.pauses) },
    })),
    pauses: close(state.pauses),
    pause: undefined,
  };
}

export function meet(
  state: IncidentState,
  milestones: ClockMilestone[],
  at: number,
): IncidentState {
  const passed = { ...state.milestones };
  for (const m of milestones) passed[m] ??= at;
  return {
    ...withClocks(state, clock =>
      milestones.includes(clock.milestone) && isCounting(clock)
        ? { ...clock, history: { ...clock.history, stoppedAt: at } }
        : clock,
    ),
    milestones: passed,
  };
}

/** Opens a pause at `at` on every counting clock, and on the incident. */
export function pauseAt(
  state: IncidentState,
  at: number,
  reason: string,
): IncidentState {
  return {
    ...withClocks(state, clock =>
      isCounting(clock)
        ? {
            ...clock,
            history: {
              ...clock.history,
              pauses: [...clock.history.pauses, { from: at, reason }],
            },
          }
        : clock,
    ),
    pause: { from: at, reason },
    pauses: [...state.pauses, { from: at, reason }],
  };
}

/**
 * On a reopening, the resolution clocks count again from the reopening; the time the hospital
 * took the fault as fixed does not count against the vendor (a pause with the reopening's
 * reason). The resolution and solution milestones are no longer met.
 */
export function reopenClocks(
  state: IncidentState,
  at: number,
  reason: string,
): IncidentState {
  return {
    ...withClocks(state, clock => {
      const { stoppedAt } = clock.history;
      if (
        stoppedAt === undefined ||
        !['resolution', 'solution'].includes(clock.milestone) ||
        clock.retiredAt !== undefined
      )
        return clock;
      return {
        ...clock,
        history: {
          ...clock.history,
          stoppedAt: undefined,
          pauses: [
            ...clock.history.pauses,
            {
              from: stoppedAt,
              to: at,
              reason: `resolved, then reopened: ${reason}`,
            },
          ],
        },
      };
    }),
    milestones: {
      ...state.milestones,
      resolution: undefined,
      solution: undefined,
    },
  };
}

/**
 * Re-grading: the new level's clocks count from the original report (retroactive); every
 * target stays in the clock's history. Clocks the new level does not have are retired;
 * clocks only the new level has are added, with the pauses so far and stopped if their
 * milestone was already met.
 */
export function regrade(
  state: IncidentState,
  levelNumber: number,
  reason: string,
  at: number,
): IncidentState {
  if (levelNumber === state.level) {
    throw refuseInput('level', `the incident is already level ${levelNumber}`);
  }
  const level = levelOf(state, levelNumber);
  if (!level) return { ...state, level: levelNumber };
  const existing = new Map(state.clocks.map(c => [c.milestone, c]));
  const clocks: IncidentClock[] = [];
  for (const clock of state.clocks) {
    const term = level.clocks.find(c => c.milestone === clock.milestone);
    if (!term) {
      clocks.push(
        clock.retiredAt === undefined ? { ...clock, retiredAt: at } : clock,
      );
      continue;
    }
    const target = { at, target: term.target, calendar: term.calendar, reason };
    if (clock.retiredAt === undefined) {
      clocks.push({
        ...clock,
        history: {
          ...clock.history,
          targets: [...clock.history.targets, target],
        },
      });
      continue;
    }
    // revived: it takes the pauses of its retirement and stops where its milestone was met
    const retiredAt = clock.retiredAt;
    const passedAt = state.milestones[clock.milestone];
    clocks.push({
      milestone: clock.milestone,
      history: {
        ...clock.history,
        targets: [...clock.history.targets, target],
        pauses: [
          ...clock.history.pauses,
          ...state.pauses.filter(p => p.from >= retiredAt),
        ],
        ...(clock.history.stoppedAt === undefined && passedAt !== undefined
          ? { stoppedAt: passedAt }
          : {}),
      },
    });
  }
  for (const term of level.clocks) {
    if (existing.has(term.milestone)) continue;
    const passedAt = state.milestones[term.milestone];
    clocks.push({
      milestone: term.milestone,
      history: {
        startedAt: state.reportedAt,
        targets: [{ at, target: term.target, calendar: term.calendar, reason }],
        pauses: [...state.pauses],
        // a milestone the incident already passed (e.g. a dispatch clock added after departure)
        ...(passedAt !== undefined ? { stoppedAt: passedAt } : {}),
      },
    });
  }
  return { ...state, level: levelNumber, clocks };
}
