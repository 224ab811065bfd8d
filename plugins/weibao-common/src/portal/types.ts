import type {
  MaintenanceContractSpec,
  Money,
  ClockMilestone,
} from '../contract/types';
import type { HospitalSystemType } from '../catalog';
import type {
  DrillRecord,
  GateEvidence,
  RollbackPlan,
  UpgradeActionType,
  UpgradeEvent,
  UpgradeGate,
  UpgradePlanState,
} from '../upgrade/types';

/**
 * How a system stands, for sorting a team's systems "at risk first":
 * a breached clock, then a clock at risk, then an overdue obligation, then one due soon.
 *
 * @public
 */
export type SystemRisk = 'breached' | 'at-risk' | 'overdue' | 'due' | 'ok';

/** One system of a team, with the figures of its health summary. @public */
export type TeamSystemHealth = {
  systemRef: string;
  title: string;
  type: HospitalSystemType | null;
  hospitalRef: string;
  /** The hospital's name, when the hospital is in the catalog. */
  hospitalTitle: string | null;
  ownerRef: string;
  /** The contract covering the system today, if any. */
  contractRef: string | null;
  risk: SystemRisk;
  openIncidents: number;
  awaitingConfirmation: number;
  atRisk: number;
  breached: number;
  /** The earliest due time of a running clock. */
  nextClockDueAt: string | null;
  obligations: { overdue: number; dueSoon: number; nextDueAt: string | null };
  upgradesInFlight: number;
};

/**
 * `GET /team-overview`: every system owned by the given groups (by default the caller's
 * own ownership refs), at risk first.
 *
 * @public
 */
export type TeamOverview = {
  evaluatedAt: string;
  ownerRefs: string[];
  systems: TeamSystemHealth[];
  totals: {
    systems: number;
    openIncidents: number;
    atRisk: number;
    breached: number;
    overdueObligations: number;
  };
};

/** One breached clock and what the contract's penalty rules make of it. @public */
export type PenaltyBreach = {
  incidentId: string;
  title: string;
  systemRef: string;
  milestone: ClockMilestone;
  dueAt: string;
  /** When the milestone was met; null while it is still late. */
  metAt: string | null;
  /** Started days late (a day begun counts as one), as penalty clauses count them. */
  daysLate: number;
  amount: number;
};

/** The penalty exposure of a contract so far, under its own rules. @public */
export type PenaltyExposure = {
  currency: Money['currency'];
  /** Total after the cap. */
  amount: number;
  /** Total before the cap. */
  uncappedAmount: number;
  capAmount: number | null;
  capped: boolean;
  breaches: PenaltyBreach[];
};

/**
 * `GET /contract-standing?entityRef=…` for a MaintenanceContract or a Component: the
 * contract's terms, the systems it covers, and its penalty exposure so far. `contract` is null
 * (with the reason) when a component has no covering contract.
 *
 * @public
 */
export type ContractStanding = {
  evaluatedAt: string;
  entityRef: string;
  contract: {
    entityRef: string;
    title: string;
    spec: MaintenanceContractSpec;
    /** The period's bounds as dates, when known (a period from acceptance may not have started). */
    periodStart: string | null;
    periodEnd: string | null;
    inForce: boolean;
    covered: Array<{
      entityRef: string;
      title: string;
      type: HospitalSystemType | null;
    }>;
    exposure: PenaltyExposure;
    obligations: { overdue: number; dueSoon: number; done: number };
  } | null;
  /** Why there is no contract, when `contract` is null. */
  reason: string | null;
};

/**
 * An upgrade plan as the API shows it (instants as ISO 8601), with the gates still missing
 * and the actions its state allows.
 *
 * @public
 */
export type UpgradePlan = Omit<
  UpgradePlanState,
  | 'window'
  | 'gates'
  | 'rollbackPlan'
  | 'windowOverride'
  | 'startedAt'
  | 'completedAt'
  | 'verification'
  | 'rollback'
  | 'cancelled'
  | 'lastEventAt'
  | 'rehearsal'
> & {
  window: { start: string; end: string; expectedDowntimeMinutes: number };
  windowOverride?: { by: string; reason: string; at: string };
  gates: Partial<
    Record<UpgradeGate, Omit<GateEvidence, 'at'> & { at: string }>
  >;
  rollbackPlan?: Omit<RollbackPlan, 'backupTaken'> & {
    backupTaken: Omit<RollbackPlan['backupTaken'], 'at'> & { at: string };
  };
  rehearsal?: { drillId: string; performedAt: number };
  startedAt?: string;
  completedAt?: string;
  verification?: {
    functionalTest: string;
    dataCheck: string;
    by: string;
    at: string;
  };
  rollback?: {
    reason: string;
    at: string;
    durationMinutes: number;
    by: string;
  };
  cancelled?: { reason: string; by: string; at: string };
  lastEventAt: string;
  updatedAt: string;
  missingGates: UpgradeGate[];
  allowedActions: UpgradeActionType[];
};

/** `GET /upgrade-plans/{id}`: the plan, its history and the drills that rehearsed it. @public */
export type UpgradePlanDetail = UpgradePlan & {
  history: UpgradeEventView[];
  drills: DrillRecord[];
};

/** One row of a plan's history as the API shows it. @public */
export type UpgradeEventView = {
  seq: number;
  type: UpgradeEvent['type'];
  at: string;
  recordedAt: string;
  actor: string;
  payload: Record<string, unknown>;
};

/** @public */
export type UpgradePlanList = { items: UpgradePlan[]; totalCount: number };

/** @public */
export type DrillList = { items: DrillRecord[]; totalCount: number };
