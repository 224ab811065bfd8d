import type { BusinessCalendar } from '../calendar/BusinessCalendar';
import { IncidentRuleError } from '../incident/lifecycle';
import type {
  UpgradeAction,
  UpgradeActionType,
  UpgradeEvent,
  UpgradeFreeze,
  UpgradeGate,
  UpgradePlanState,
  UpgradeStatus,
  UpgradeWindow,
} from './types';
import { UPGRADE_GATES } from './types';
import { checkUpgradeWindow } from './window';

/** What the upgrade rules need besides the plan: the calendar, freezes, rehearsal recency. @public */
export type UpgradeRuleOptions = {
  calendar: BusinessCalendar;
  freezes: ReadonlyArray<UpgradeFreeze>;
  rehearsalRecencyDays: number;
};

const DAY = 86_400_000;
const input = (field: string, reason: string) =>
  new IncidentRuleError(field, reason, 'input');
const state = (reason: string) =>
  new IncidentRuleError('type', reason, 'state');

const ALLOWED_FROM: Record<UpgradeActionType, ReadonlyArray<UpgradeStatus>> = {
  'meet-gate': ['draft', 'ready'],
  'write-rollback-plan': ['draft', 'ready'],
  'rehearse-rollback': ['draft', 'ready'],
  reschedule: ['draft', 'ready'],
  start: ['ready'],
  complete: ['started'],
  verify: ['completed'],
  'roll-back': ['started', 'completed'],
  cancel: ['draft', 'ready'],
};

/** The gates a plan still lacks, in order. @public */
export function missingGates(plan: UpgradePlanState): UpgradeGate[] {
  return UPGRADE_GATES.filter(g => !plan.gates[g]);
}

/** The actions the plan's state allows. @public */
export function allowedUpgradeActions(
  plan: UpgradePlanState,
): UpgradeActionType[] {
  return (Object.keys(ALLOWED_FROM) as UpgradeActionType[]).filter(t =>
    ALLOWED_FROM[t].includes(plan.status),
  );
}

/** Refuses a window with problems, unless an override says who and why it goes ahead anyway. */
function checkWindow(
  window: UpgradeWindow,
  hospitalRef: string,
  options: UpgradeRuleOptions,
  overridden: boolean,
) {
  const problems = checkUpgradeWindow(window, options.calendar, {
    freezes: options.freezes,
    hospitalRef,
  });
  const blocking = overridden
    ? problems.filter(
        p => p.field === 'window.end' || p.field.endsWith('Minutes'),
      )
    : problems;
  if (blocking.length) throw input(blocking[0].field, blocking[0].reason);
}

const withGates = (plan: UpgradePlanState): UpgradePlanState =>
  plan.status === 'draft' && missingGates(plan).length === 0
    ? { ...plan, status: 'ready' }
    : plan;

function planned(
  event: Extract<UpgradeEvent, { type: 'planned' }>,
  options: UpgradeRuleOptions,
): UpgradePlanState {
  const p = event.payload;
  if (p.architecture !== p.targetArchitecture) {
    throw input(
      'targetArchitecture',
      `cross-architecture upgrades (${p.architecture} → ${p.targetArchitecture}) are outside the contract`,
    );
  }
  if (p.fromVersion === p.toVersion) {
    throw input('toVersion', `the plan upgrades ${p.fromVersion} to itself`);
  }
  if (!p.scope.length) throw input('scope', 'name what the upgrade touches');
  if (!p.responsible.length)
    throw input('responsible', 'name who is responsible');
  checkWindow(p.window, p.hospitalRef, options, Boolean(p.override));
  return {
    id: p.id,
    systemRef: p.systemRef,
    hospitalRef: p.hospitalRef,
    ownerRef: p.ownerRef,
    title: p.title,
    fromVersion: p.fromVersion,
    toVersion: p.toVersion,
    architecture: p.architecture,
    scope: p.scope,
    window: p.window,
    ...(p.override
      ? {
          windowOverride: {
            by: event.actor,
            reason: p.override.reason,
            at: event.at,
          },
        }
      : {}),
    responsible: p.responsible,
    hospitalContact: p.hospitalContact,
    gates: {},
    status: 'draft',
    createdBy: event.actor,
    lastEventAt: event.at,
    version: 1,
  };
}

function apply(
  plan: UpgradePlanState,
  action: UpgradeAction,
  at: number,
  actor: string,
  options: UpgradeRuleOptions,
): UpgradePlanState {
  if (action.type === 'start' && plan.status === 'draft') {
    throw state(
      `cannot start: gates missing: ${missingGates(plan).join(', ')}`,
    );
  }
  if (!ALLOWED_FROM[action.type].includes(plan.status)) {
    throw state(`cannot ${action.type} a plan that is ${plan.status}`);
  }
  const evidence = (note: string, link?: string) => ({
    note,
    by: actor,
    at,
    ...(link ? { link } : {}),
  });
  switch (action.type) {
    case 'meet-gate':
      if (
        action.gate === 'simulated-upgrade' &&
        !plan.gates['test-environment']
      ) {
        throw state('the simulated upgrade needs the test environment first');
      }
      return withGates({
        ...plan,
        gates: {
          ...plan.gates,
          [action.gate]: evidence(action.note, action.link),
        },
      });
    case 'write-rollback-plan': {
      const r = action.rollbackPlan;
      const windowMinutes = (plan.window.end - plan.window.start) / 60_000;
      if (!r.triggerCriteria.trim())
        throw input('rollbackPlan.triggerCriteria', 'say when to roll back');
      if (!r.steps.length) throw input('rollbackPlan.steps', 'list the steps');
      if (
        !(
          r.expectedRollbackMinutes > 0 &&
          r.expectedRollbackMinutes <= windowMinutes
        )
      ) {
        throw input(
          'rollbackPlan.expectedRollbackMinutes',
          `${r.expectedRollbackMinutes} minutes does not fit the ${windowMinutes}-minute window`,
        );
      }
      if (r.backupTaken.at > at) {
        throw input(
          'rollbackPlan.backupTaken.at',
          'the backup must be taken before the plan is written',
        );
      }
      return withGates({
        ...plan,
        rollbackPlan: r,
        gates: {
          ...plan.gates,
          'rollback-plan': evidence(action.note, action.link),
        },
      });
    }
    case 'rehearse-rollback': {
      const d = action.drill;
      if (!plan.rollbackPlan)
        throw state('write the rollback plan before rehearsing it');
      if (!d.passed)
        throw input('drill', 'the drill did not recover within its target');
      if (d.performedAt > at)
        throw input('drill', 'the drill lies in the future');
      if (at - d.performedAt > options.rehearsalRecencyDays * DAY) {
        throw input(
          'drill',
          `the drill is older than ${options.rehearsalRecencyDays} days`,
        );
      }
      const ofThisPlan = d.upgradePlanId === plan.id;
      const rollbackScenario =
        d.upgradePlanId === null && /回退|rollback/i.test(d.scenario);
      if (!ofThisPlan && !rollbackScenario) {
        throw input(
          'drill',
          'the drill rehearsed neither this plan nor the system’s rollback',
        );
      }
      return withGates({
        ...plan,
        rehearsal: { drillId: d.id, performedAt: d.performedAt },
        gates: {
          ...plan.gates,
          'rollback-rehearsed': evidence(`${action.note} (drill ${d.id})`),
        },
      });
    }
    case 'reschedule': {
      checkWindow(
        action.window,
        plan.hospitalRef,
        options,
        Boolean(action.override),
      );
      const { windowOverride: _dropped, ...rest } = plan;
      return {
        ...rest,
        window: action.window,
        ...(action.override
          ? {
              windowOverride: { by: actor, reason: action.override.reason, at },
            }
          : {}),
      };
    }
    case 'start': {
      const missing = missingGates(plan);
      if (missing.length)
        throw state(`cannot start: gates missing: ${missing.join(', ')}`);
      const overridden = Boolean(plan.windowOverride || action.override);
      checkWindow(plan.window, plan.hospitalRef, options, overridden);
      const rehearsedAt = plan.rehearsal?.performedAt;
      if (
        rehearsedAt !== undefined &&
        at - rehearsedAt > options.rehearsalRecencyDays * DAY
      ) {
        throw state(
          `cannot start: the rollback rehearsal is older than ${options.rehearsalRecencyDays} days`,
        );
      }
      if (!overridden && (at < plan.window.start || at > plan.window.end)) {
        throw input('at', 'production starts inside the planned window');
      }
      return {
        ...plan,
        status: 'started',
        startedAt: at,
        ...(action.override && !plan.windowOverride
          ? {
              windowOverride: { by: actor, reason: action.override.reason, at },
            }
          : {}),
      };
    }
    case 'complete':
      return { ...plan, status: 'completed', completedAt: at };
    case 'verify':
      if (!action.functionalTest.trim())
        throw input('functionalTest', 'say what was tested');
      if (!action.dataCheck.trim())
        throw input('dataCheck', 'say what data was checked');
      return {
        ...plan,
        status: 'verified',
        verification: {
          functionalTest: action.functionalTest,
          dataCheck: action.dataCheck,
          by: actor,
          at,
        },
      };
    case 'roll-back':
      if (!(action.durationMinutes > 0))
        throw input('durationMinutes', 'say how long the rollback took');
      return {
        ...plan,
        status: 'rolled-back',
        rollback: {
          reason: action.reason,
          at,
          durationMinutes: action.durationMinutes,
          by: actor,
        },
      };
    default:
      return {
        ...plan,
        status: 'cancelled',
        cancelled: { reason: action.reason, by: actor, at },
      };
  }
}

/**
 * Folds one history row into an upgrade plan. Pure: replaying the history gives the plan.
 *
 * @public
 */
export function applyUpgradeEvent(
  plan: UpgradePlanState | undefined,
  event: UpgradeEvent,
  options: UpgradeRuleOptions,
): UpgradePlanState {
  if (event.type === 'planned') {
    if (plan) throw state('the plan already exists');
    return planned(event, options);
  }
  if (!plan) throw state('the plan was never made');
  if (event.at < plan.lastEventAt) {
    throw input(
      'at',
      `${new Date(
        event.at,
      ).toISOString()} is before the plan's last event (${new Date(
        plan.lastEventAt,
      ).toISOString()})`,
    );
  }
  const action = { type: event.type, ...event.payload } as UpgradeAction;
  const next = apply(plan, action, event.at, event.actor, options);
  return { ...next, lastEventAt: event.at, version: plan.version + 1 };
}

/** Replays a plan's whole history. @public */
export function replayUpgradePlan(
  events: ReadonlyArray<UpgradeEvent>,
  options: UpgradeRuleOptions,
): UpgradePlanState {
  let plan: UpgradePlanState | undefined;
  for (const event of events) plan = applyUpgradeEvent(plan, event, options);
  if (!plan) throw state('the plan has no history');
  return plan;
}
