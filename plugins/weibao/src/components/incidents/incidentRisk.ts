import type {
  Duration,
  Incident,
  IncidentClockView,
} from '@weibao/plugin-weibao-common';
import { clockStateOf } from '../../lib/ClockStateChip';

/** A level as the forms and tables show it: `1 系统灾难故障`, or `1` when it has no name. */
export function levelText(level: number, name?: string | null): string {
  return name ? `${level} ${name}` : `${level}`;
}

/** A clock still counting towards its milestone: neither met nor retired. */
export function isRunningClock(clock: IncidentClockView): boolean {
  return (
    clock.metAt === null && clock.status !== 'met' && clock.status !== 'retired'
  );
}

/** Breached first, then at risk, then every other running clock; no clock last. */
function riskRank(clock: IncidentClockView | undefined): number {
  if (!clock) return 3;
  const state = clockStateOf(clock);
  if (state === 'breached') return 0;
  if (state === 'at-risk') return 1;
  return 2;
}

const dueMs = (clock: IncidentClockView | undefined) =>
  clock?.dueAt ? Date.parse(clock.dueAt) : Number.POSITIVE_INFINITY;

function compareClocks(
  a: IncidentClockView | undefined,
  b: IncidentClockView | undefined,
): number {
  return riskRank(a) - riskRank(b) || dueMs(a) - dueMs(b);
}

/**
 * The incident's most urgent running clock: a breached one, else one at risk, else the one
 * due first (a paused clock has no due time, so it comes after those that have one).
 */
export function urgentClock(
  incident: Pick<Incident, 'clocks'>,
): IncidentClockView | undefined {
  return [...incident.clocks.filter(isRunningClock)].sort(compareClocks)[0];
}

/**
 * Incidents riskiest first, by their most urgent running clock: breached, at risk, then the
 * earliest due; incidents with no running clock last. Ties keep the given order.
 */
export function byRisk<T extends Pick<Incident, 'clocks'>>(
  incidents: ReadonlyArray<T>,
): T[] {
  return incidents
    .map((incident, index) => ({
      incident,
      index,
      clock: urgentClock(incident),
    }))
    .sort((a, b) => compareClocks(a.clock, b.clock) || a.index - b.index)
    .map(entry => entry.incident);
}

/** Splits a typed list ("挂号, 收费、药房") at commas, Chinese commas and semicolons. */
export function listOf(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map(s => s.trim())
    .filter(Boolean);
}

/** The translation key of a duration's unit. */
export function durationKey(duration: Duration) {
  return `incidents.durations.${duration.unit}` as const;
}
