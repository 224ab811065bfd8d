/**
 * Upgrade plans (升级方案) with their rollback plans (回退预案), and drills (应急演练).
 * Instants are epoch milliseconds in the state, ISO 8601 in the API.
 */

/** What an upgrade touches. @public */
export const UPGRADE_SCOPES = [
  'client',
  'server',
  'database',
  'interfaces',
] as const;
/** @public */
export type UpgradeScope = (typeof UPGRADE_SCOPES)[number];

/**
 * The gates a plan passes before production, in order:
 * 1. test environment ready (搭建测试环境);
 * 2. simulated upgrade passed in it, with the tests run (模拟升级);
 * 3. rollback plan written: trigger criteria, steps, expected rollback time, backup taken before;
 * 4. rollback rehearsed: a passed drill of this plan, or of the system's rollback scenario,
 *    within the configured recent period;
 * 5. hospital approval (who, when).
 *
 * @public
 */
export const UPGRADE_GATES = [
  'test-environment',
  'simulated-upgrade',
  'rollback-plan',
  'rollback-rehearsed',
  'hospital-approval',
] as const;
/** @public */
export type UpgradeGate = (typeof UPGRADE_GATES)[number];

/** Evidence that a gate is met. @public */
export type GateEvidence = {
  note: string;
  link?: string;
  by: string;
  at: number;
};

/** @public */
export type RollbackPlan = {
  triggerCriteria: string;
  steps: string[];
  expectedRollbackMinutes: number;
  backupTaken: { at: number; note: string };
};

/** @public */
export type UpgradeWindow = {
  start: number;
  end: number;
  expectedDowntimeMinutes: number;
};

/** A declared freeze: no upgrades (major events, inspections by the health commission…). @public */
export type UpgradeFreeze = {
  from: string; // YYYY-MM-DD, inclusive
  to: string; // YYYY-MM-DD, inclusive
  reason: string;
  /** Only for this hospital (System ref); every hospital when absent. */
  hospital?: string;
};

/** An explicit override of the window checks (e.g. an emergency fix), with who and why. @public */
export type WindowOverride = { by: string; reason: string; at: number };

/** @public */
export const UPGRADE_STATUSES = [
  'draft', // gates being met
  'ready', // every gate met
  'started',
  'completed', // production upgraded, awaiting verification
  'verified', // functional test and data check passed
  'rolled-back',
  'cancelled',
] as const;
/** @public */
export type UpgradeStatus = (typeof UPGRADE_STATUSES)[number];

/** An upgrade plan's state, folded from its history. @public */
export type UpgradePlanState = {
  id: string;
  systemRef: string;
  hospitalRef: string;
  ownerRef: string;
  title: string;
  fromVersion: string;
  toVersion: string;
  /** Architectures before and after (e.g. x86_64); they must be the same. */
  architecture: string;
  scope: UpgradeScope[];
  window: UpgradeWindow;
  windowOverride?: WindowOverride;
  responsible: string[];
  hospitalContact: { name: string; contact: string };
  gates: Partial<Record<UpgradeGate, GateEvidence>>;
  rollbackPlan?: RollbackPlan;
  /** The drill that rehearsed the rollback: its recency is checked again at the start. */
  rehearsal?: { drillId: string; performedAt: number };
  status: UpgradeStatus;
  startedAt?: number;
  completedAt?: number;
  verification?: {
    functionalTest: string;
    dataCheck: string;
    by: string;
    at: number;
  };
  rollback?: {
    reason: string;
    at: number;
    durationMinutes: number;
    by: string;
  };
  cancelled?: { reason: string; by: string; at: number };
  createdBy: string;
  lastEventAt: number;
  version: number;
};

/** A drill scenario (应急演练场景). @public */
export type DrillRecord = {
  id: string;
  version: number;
  systemRef: string;
  hospitalRef: string;
  ownerRef: string;
  contractRef: string | null;
  /** The scenario drilled, e.g. 服务器宕机, or the rollback of an upgrade plan. */
  scenario: string;
  /** Set when the drill rehearsed the rollback of this plan. */
  upgradePlanId: string | null;
  /** The obligation occurrence (kind drill) this drill fulfils, if any. */
  occurrenceId: string | null;
  performedAt: string;
  participants: string[];
  recoveryMinutes: number;
  targetMinutes: number;
  /** Recovered within the target. */
  passed: boolean;
  findings: string;
  followUps: Array<{
    action: string;
    owner: string;
    due?: string;
    done?: boolean;
  }>;
  recordedBy: string;
};

/** A new upgrade plan, as a request gives it. @public */
export type UpgradePlanDraft = {
  systemRef: string;
  title: string;
  fromVersion: string;
  toVersion: string;
  architecture: string;
  /** Must equal `architecture`: cross-architecture upgrades are outside the contracts. */
  targetArchitecture: string;
  scope: UpgradeScope[];
  window: UpgradeWindow;
  responsible: string[];
  hospitalContact: { name: string; contact: string };
};

/** A change to a plan, as a request names it. @public */
export type UpgradeAction =
  | {
      type: 'meet-gate';
      gate: Exclude<UpgradeGate, 'rollback-plan' | 'rollback-rehearsed'>;
      note: string;
      link?: string;
    }
  | {
      type: 'write-rollback-plan';
      rollbackPlan: RollbackPlan;
      note: string;
      link?: string;
    }
  | {
      type: 'rehearse-rollback';
      /** The drill that rehearsed it (its facts are copied in by the backend). */
      drill: {
        id: string;
        performedAt: number;
        passed: boolean;
        scenario: string;
        upgradePlanId: string | null;
        /** The system drilled; when given, it must be the plan's system. */
        systemRef?: string;
      };
      note: string;
    }
  | { type: 'reschedule'; window: UpgradeWindow; override?: { reason: string } }
  | { type: 'start'; override?: { reason: string } }
  | { type: 'complete' }
  | { type: 'verify'; functionalTest: string; dataCheck: string }
  | { type: 'roll-back'; reason: string; durationMinutes: number }
  | { type: 'cancel'; reason: string };

/** @public */
export type UpgradeActionType = UpgradeAction['type'];

/** One row of a plan's append-only history. @public */
export type UpgradeEvent =
  | {
      type: 'planned';
      at: number;
      actor: string;
      payload: UpgradePlanDraft & {
        id: string;
        hospitalRef: string;
        ownerRef: string;
        override?: { reason: string };
      };
    }
  | (UpgradeAction extends infer A
      ? A extends { type: infer T }
        ? { type: T; at: number; actor: string; payload: Omit<A, 'type'> }
        : never
      : never);
