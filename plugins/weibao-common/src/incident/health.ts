import type { ClockMilestone } from '../contract/types';
import type { ClockStatus } from '../sla';
import { clockStanding, type ClockSnapshot } from './clockStanding';

/*
 * The incident section of a hospital system's health summary, from its incidents that are open
 * or awaiting the hospital's confirmation and their counting clocks as last stored.
 */

/** A counting clock of an incident, as last stored. @public */
export type IncidentHealthClock = ClockSnapshot & { milestone: ClockMilestone };

/** An incident open or awaiting confirmation (resolved), with its counting clocks. @public */
export type IncidentHealthInput = {
  id: string;
  title: string;
  level: number;
  /** What the terms the incident was reported under call its level; null without a contract. */
  levelName: string | null;
  status: string;
  clocks: IncidentHealthClock[];
};

/** The incident section of a system's health summary. @public */
export type SystemIncidentHealth = {
  openByLevel: Record<string, number>;
  /** The level names of open incidents, from the terms each was reported under. */
  levelNames: Record<string, string>;
  /** Resolved incidents the hospital has not confirmed yet. */
  awaitingConfirmation: number;
  /** Open incidents with a clock at risk and none breached. */
  atRisk: number;
  /** Open incidents with a clock that breached, or is still running past its due time. */
  breached: number;
  /** The counting clocks of open incidents, soonest due first (no due time last), then by level. */
  runningClocks: Array<{
    incidentId: string;
    title: string;
    level: number;
    milestone: ClockMilestone;
    /** `breached` for a clock that breached or is running past its due time. */
    status: ClockStatus;
    dueAt: number | null;
    atRiskAt: number | null;
  }>;
};

/** Code-point order of two ids or names: a stable tie-break. @public */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Open incidents by level, incidents awaiting the hospital's confirmation, incidents with a
 * breached clock, incidents with a clock at risk and none breached ({@link clockStanding}), and
 * the clocks of open incidents, soonest due first (no due time last), then by level.
 *
 * @public
 */
export function summariseIncidentHealth(
  incidents: IncidentHealthInput[],
  now: number,
  clocksShown: number,
): SystemIncidentHealth {
  const openByLevel: Record<string, number> = {};
  const levelNames: Record<string, string> = {};
  let awaitingConfirmation = 0;
  let atRisk = 0;
  let breached = 0;
  const running: SystemIncidentHealth['runningClocks'] = [];
  for (const incident of incidents) {
    if (incident.status === 'resolved') {
      awaitingConfirmation++;
      continue;
    }
    const level = String(incident.level);
    openByLevel[level] = (openByLevel[level] ?? 0) + 1;
    if (incident.levelName && !levelNames[level]) {
      levelNames[level] = incident.levelName;
    }
    const standings = incident.clocks.map(clock => {
      const standing = clockStanding(clock, now);
      running.push({
        incidentId: incident.id,
        title: incident.title,
        level: incident.level,
        milestone: clock.milestone,
        status:
          standing === 'breached' ? 'breached' : (clock.status as ClockStatus),
        dueAt: clock.dueAt,
        atRiskAt: clock.atRiskAt,
      });
      return standing;
    });
    if (standings.includes('breached')) breached++;
    else if (standings.includes('atRisk')) atRisk++;
  }
  running.sort(
    (a, b) =>
      (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) ||
      a.level - b.level ||
      compareCodePoints(a.incidentId, b.incidentId) ||
      compareCodePoints(a.milestone, b.milestone),
  );
  return {
    openByLevel,
    levelNames,
    awaitingConfirmation,
    atRisk,
    breached,
    runningClocks: running.slice(0, clocksShown),
  };
}
