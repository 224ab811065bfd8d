import { stringifyEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../calendar/BusinessCalendar';
import { contractPeriodBounds, isContractInForce } from './period';
import { fullEntityRef } from './relations';
import type { MaintenanceContractEntityV1alpha1 } from './types';

/**
 * Two contracts covering one system over the same dates.
 *
 * - A **renewal** signed before the old contract ends starts on another day than the old one:
 *   both are accepted, and from its first day the contract that started **last** covers the
 *   system ({@link coveringContractAt}). The old one keeps covering the days before.
 * - Two contracts that **start the same day** and overlap are a duplicate (a copy, a typo):
 *   nothing says which one applies, so the catalog refuses both, each naming the other
 *   ({@link contractOverlapProblems}).
 *
 * A contract whose period has no start yet ("from final acceptance", not accepted) covers no
 * dates and overlaps nothing.
 */

/** @public */
export type ContractOverlap = {
  otherRef: string;
  systems: string[];
  reason: string;
};

function coveredRefs(c: MaintenanceContractEntityV1alpha1): string[] {
  const ns = c.metadata.namespace ?? 'default';
  return c.spec.covers.map(ref => fullEntityRef(ref, 'component', ns));
}

const dayOf = (ms: number, timeZone: string) =>
  DateTime.fromMillis(ms, { zone: timeZone }).toISODate();

/**
 * The contracts among `others` that the contract duplicates: covering one of its systems over
 * overlapping dates and starting the same day. Each overlap names the other contract, the shared
 * systems and why, for the catalog's processing error on `spec.period`.
 *
 * @public
 */
export function contractOverlapProblems(
  contract: MaintenanceContractEntityV1alpha1,
  others: MaintenanceContractEntityV1alpha1[],
  timeZone: string = DEFAULT_TIME_ZONE,
): ContractOverlap[] {
  const self = stringifyEntityRef(contract);
  const bounds = contractPeriodBounds(contract.spec.period, timeZone);
  if (!bounds) return [];
  const mine = new Set(coveredRefs(contract));
  const overlaps: ContractOverlap[] = [];
  for (const other of others) {
    const otherRef = stringifyEntityRef(other);
    if (otherRef === self) continue;
    const theirs = contractPeriodBounds(other.spec.period, timeZone);
    if (!theirs) continue;
    if (!(bounds.start < theirs.end && theirs.start < bounds.end)) continue;
    const systems = coveredRefs(other).filter(s => mine.has(s));
    if (!systems.length) continue;
    if (dayOf(bounds.start, timeZone) !== dayOf(theirs.start, timeZone)) {
      continue; // a renewal: the later start takes over from its first day
    }
    overlaps.push({
      otherRef,
      systems,
      reason: `${self} and ${otherRef} both cover ${systems.join(
        ', ',
      )} from ${dayOf(
        bounds.start,
        timeZone,
      )}: two contracts starting the same day over the same dates are a duplicate, so neither is accepted; remove one, or start the renewal on another day (from its first day the contract that started last covers the system)`,
    });
  }
  return overlaps;
}

/**
 * The contract covering a system at an instant among those naming it: in force at that instant,
 * and of those the one that started last (a renewal takes over from its first day); ties, which
 * the catalog refuses, go to the first by reference so that the answer never depends on order.
 *
 * @public
 */
export function coveringContractAt<T extends MaintenanceContractEntityV1alpha1>(
  candidates: T[],
  at: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): T | undefined {
  const startOf = (c: T) =>
    contractPeriodBounds(c.spec.period, timeZone)?.start ??
    Number.NEGATIVE_INFINITY;
  return candidates
    .filter(c => isContractInForce(c.spec.period, at, timeZone))
    .sort(
      (a, b) =>
        startOf(b) - startOf(a) ||
        stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
    )[0];
}
