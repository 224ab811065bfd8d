import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  DrillRecord,
  UpgradeEvent,
  UpgradePlanState,
  UpgradeStatus,
} from '@weibao/plugin-weibao-common';
import type { Knex } from 'knex';
import type { ColumnFilter } from '../permissionFilter';

export type StoredPlan = { state: UpgradePlanState; updatedAt: number };

export type PlanHistoryEntry = {
  seq: number;
  type: string;
  at: string;
  recordedAt: string;
  actor: string;
  payload: Record<string, unknown>;
};

export type PlanQuery = {
  systemRef?: string;
  hospitalRef?: string;
  ownerRef?: string;
  statuses?: UpgradeStatus[];
  permission?: PermissionCriteria<ColumnFilter>;
};

/** What lies in a span of time for some teams (the team calendar): epoch ms, `to` exclusive. */
export type SpanQuery = {
  ownerRefs: string[];
  from: number;
  to: number;
  permission?: PermissionCriteria<ColumnFilter>;
};

export type DrillQuery = {
  systemRef?: string;
  upgradePlanId?: string;
  permission?: PermissionCriteria<ColumnFilter>;
};

/** Upgrade plans and drill records; every change appends a history row in the same transaction. */
export interface UpgradeStore {
  createPlan(
    event: UpgradeEvent,
    state: UpgradePlanState,
    now: number,
  ): Promise<StoredPlan>;
  /** Appends one event if the plan is still at `expectedVersion` (ConflictError otherwise). */
  appendPlan(
    id: string,
    expectedVersion: number,
    event: UpgradeEvent,
    state: UpgradePlanState,
    now: number,
  ): Promise<StoredPlan>;
  getPlan(
    id: string,
    permission?: PermissionCriteria<ColumnFilter>,
  ): Promise<StoredPlan | undefined>;
  planHistory(id: string): Promise<PlanHistoryEntry[]>;
  listPlans(
    query: PlanQuery,
    limit: number,
  ): Promise<{ items: StoredPlan[]; totalCount: number }>;

  /**
   * The plans of the owners whose window overlaps the span, cancelled ones left out, by window
   * start; at most `limit`, and whether there were more.
   */
  plansInSpan(
    query: SpanQuery,
    limit: number,
  ): Promise<{ items: StoredPlan[]; truncated: boolean }>;

  /**
   * Records a drill; `alsoInTransaction` runs in the same transaction (e.g. completing the
   * drill obligation it fulfils), so either both are written or neither.
   */
  recordDrill(
    drill: DrillRecord,
    now: number,
    alsoInTransaction?: (tx: Knex.Transaction) => Promise<void>,
  ): Promise<DrillRecord>;
  getDrill(
    id: string,
    permission?: PermissionCriteria<ColumnFilter>,
  ): Promise<DrillRecord | undefined>;
  listDrills(
    query: DrillQuery,
    limit: number,
  ): Promise<{ items: DrillRecord[]; totalCount: number }>;
  /** The drills of the owners performed in the span, oldest first; at most `limit`. */
  drillsInSpan(
    query: SpanQuery,
    limit: number,
  ): Promise<{ items: DrillRecord[]; truncated: boolean }>;
  /**
   * How many unfinished plans each system has, in one query (grouped by system). A null
   * filter means the caller may not read plans: nothing is read.
   */
  inFlightBySystem(
    systemRefs: string[],
    filter: PermissionCriteria<ColumnFilter> | undefined | null,
  ): Promise<Map<string, number>>;
}
