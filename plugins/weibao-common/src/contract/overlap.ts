import { stringifyEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../calendar/BusinessCalendar';
import { compareCodePoints } from '../incident/health';
import { contractPeriodBounds, isContractInForce } from './period';
import { fullEntityRef } from './relations';
import type { MaintenanceContractEntityV1alpha1 } from './types';

/**
 * Two contracts covering one system over the same dates.
 *
 * - A **renewal** signed before the old contract ends starts on another day than the old one:
 *   both are accepted, and from its first day the contract that started **last** covers the
 *   system ({@link coveringContractAt}). The old one keeps covering the days before.
 * - Two contracts that **start the same day** and overlap are a duplicate (a copy, a typo).
 *   Nothing in the contracts says which one applies, so an explicit priority does: the one whose
 *   entity reference sorts first ({@link compareContractRefs}) is accepted, and the catalog
 *   refuses every other, naming both ({@link duplicateContractRefusals}). The priority depends
 *   only on the contracts, never on the order the catalog processes them in, and it is the same
 *   tie-break {@link coveringContractAt} applies, so wherever a refused duplicate still has terms
 *   from a pass before it was refused, the contract that applies is the accepted one.
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
 * The priority among duplicate contracts and the tie-break among contracts starting the same
 * day: entity references (as `stringifyEntityRef` writes them) compared by UTF-16 code unit, the
 * same on every machine whatever its locale. Negative when `a` comes first.
 *
 * @public
 */
export function compareContractRefs(a: string, b: string): number {
  return compareCodePoints(a, b);
}

/**
 * The contracts among `others` that the contract duplicates: covering one of its systems over
 * overlapping dates and starting the same day. Each overlap names the other contract, the shared
 * systems and why (which of the two the priority accepts), whichever of the two prevails; the
 * catalog refuses the contract only for those in {@link duplicateContractRefusals}.
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
    const [accepted, refused] =
      compareContractRefs(self, otherRef) < 0
        ? [self, otherRef]
        : [otherRef, self];
    overlaps.push({
      otherRef,
      systems,
      reason: `${self} and ${otherRef} both cover ${systems.join(
        ', ',
      )} from ${dayOf(
        bounds.start,
        timeZone,
      )}: two contracts starting the same day over the same dates are a duplicate, and of duplicates only the one whose reference sorts first is accepted, so ${accepted} applies and ${refused} is refused; remove one, or start the renewal on another day (from its first day the contract that started last covers the system)`,
    });
  }
  return overlaps;
}

/**
 * Why the catalog refuses a contract as a duplicate: its overlaps ({@link contractOverlapProblems})
 * with the contracts that prevail over it, those whose reference sorts first
 * ({@link compareContractRefs}). Empty when the contract is accepted, which is always the case
 * for the first of a set of duplicates, whatever the order they are processed in.
 *
 * @public
 */
export function duplicateContractRefusals(
  contract: MaintenanceContractEntityV1alpha1,
  others: MaintenanceContractEntityV1alpha1[],
  timeZone: string = DEFAULT_TIME_ZONE,
): ContractOverlap[] {
  const self = stringifyEntityRef(contract);
  return contractOverlapProblems(contract, others, timeZone).filter(
    o => compareContractRefs(o.otherRef, self) < 0,
  );
}

/**
 * The contract covering a system at an instant among those naming it: in force at that instant,
 * and of those the one that started last (a renewal takes over from its first day); ties go to
 * the first by reference ({@link compareContractRefs}), the duplicate the catalog accepts, so
 * that the answer never depends on order.
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
        compareContractRefs(stringifyEntityRef(a), stringifyEntityRef(b)),
    )[0];
}
