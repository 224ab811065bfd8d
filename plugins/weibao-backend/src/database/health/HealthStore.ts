import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  CertificateTotalsInput,
  DrillRecord,
  SystemIncidentHealth,
} from '@weibao/plugin-weibao-common';
import type { StoredOccurrence } from '../obligations/ObligationStore';
import type { ColumnFilter } from '../permissionFilter';
import type { StoredPlan } from '../upgrades/UpgradeStore';

/**
 * The read filter of one section of a system's health: undefined when the caller may read
 * everything, a criteria tree applied in SQL when the decision was conditional, null when the
 * section is not read at all (denied, or not set up in this backend).
 */
export type SectionFilter = PermissionCriteria<ColumnFilter> | undefined | null;

export type SystemHealthFilters = {
  /** Incidents are always read: a denied caller gets a 403 before. */
  incidents: PermissionCriteria<ColumnFilter> | undefined;
  obligations: SectionFilter;
  plans: SectionFilter;
  drills: SectionFilter;
  certificates: SectionFilter;
};

/** The incident section, as weibao-common summarises it. */
export type { SystemIncidentHealth };

/** Everything the health summary of one system is made of, read at one instant. */
export type SystemHealthRead = {
  incidents: SystemIncidentHealth;
  /** Open occurrences concerning the system; null when not read. */
  obligations: {
    overdue: number;
    dueSoon: number;
    overdueDrills: number;
    /** The next few open occurrences not yet overdue, soonest first. */
    next: StoredOccurrence[];
    /** The soonest open inspection and drill (not their follow-ups), overdue or not. */
    nextInspection: StoredOccurrence | undefined;
    nextDrill: StoredOccurrence | undefined;
  } | null;
  /** Unfinished upgrade plans and the one with the soonest window; null when not read. */
  plans: { inFlight: number; next: StoredPlan | undefined } | null;
  /** The last drill (undefined: none); null when not read. */
  lastDrill: DrillRecord | undefined | null;
  /** Every certificate batch of the system's register, retired ones included; null when not read. */
  certificates: CertificateTotalsInput[] | null;
};

/**
 * The read model of the per-system health summary: every section in one database round trip,
 * each with its own permission filter applied in SQL.
 */
export interface HealthStore {
  systemHealth(
    systemRef: string,
    now: number,
    options: {
      /** How far ahead an open occurrence counts as due soon. */
      leadTimeMs: number;
      /** How many running clocks to return (the soonest due). */
      clocksShown: number;
      /** How many upcoming obligation occurrences to return. */
      obligationsShown: number;
      filters: SystemHealthFilters;
    },
  ): Promise<SystemHealthRead>;
}
