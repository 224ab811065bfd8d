import type { BusinessCalendar } from '../calendar/BusinessCalendar';
import type {
  GateEvidence,
  UpgradeAction,
  UpgradeActionType,
  UpgradeEvent,
  UpgradeFreeze,
  UpgradeGate,
  UpgradePlanState,
  UpgradeStatus,
  WindowOverride,
} from './types';
import {
  checkRehearsal,
  checkRollbackPlan,
  checkStart,
  checkWindow,
  missingGates,
  requireText,
  windowMinutes,
} from './gates';

export { missingGates } from './gates';
import { refuseInput, refuseState } from '../rules/RuleError';

/**
 * What the upgrade rules need besides the plan: the business calendar of the system's contract
 * (holidays and make-up workdays), the declared freezes, and how many days a rollback rehearsal
 * stays valid.
 *
 * @public
 */
export type UpgradeRuleOptions = {
  calendar: BusinessCalendar;
  freezes: ReadonlyArray<UpgradeFreeze>;
  rehearsalRecencyDays: number;
};

/** The statuses from which each action may be taken. */
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

/** The gates `meet-gate` meets; the other two have their own actions. */
const PLAIN_GATES: ReadonlyArray<UpgradeGate> = [
  'test-environment',
  'simulated-upgrade',
  'hospital-approval',
];

/** The actions the plan's current state allows. @public */
export function allowedUpgradeActions(
  state: UpgradePlanState,
): UpgradeActionType[] {
  return (Object.keys(ALLOWED_FROM) as UpgradeActionType[]).filter(type => {
    if (!ALLOWED_FROM[type].includes(state.status)) return false;
    if (type === 'rehearse-rollback') return Boolean(state.rollbackPlan);
    return true;
  });
}

/** A draft whose five gates are all met is ready; a ready plan stays ready. */
const withGates = (state: UpgradePlanState): UpgradePlanState =>
  state.status === 'draft' && missingGates(state).length === 0
    ? { ...state, status: 'ready' }
    : state;

/** The plan as first made. */
function planned(
  event: Extract<UpgradeEvent, { type: 'planned' }>,
  options: UpgradeRuleOptions,
): UpgradePlanState {
  const p = event.payload;
  if (p.architecture !== p.targetArchitecture) {
    throw refuseInput(
      'targetArchitecture',
      `cross-architecture upgrades (${p.architecture} → ${p.targetArchitecture}) are outside the contract`,
    );
  }
  if (p.fromVersion === p.toVersion) {
    throw refuseInput(
      'toVersion',
      `the plan would upgrade ${p.fromVersion} to itself`,
    );
  }
  if (!p.scope?.length) {
    throw refuseInput('scope', 'name what the upgrade touches');
  }
  if (!p.responsible?.length) {
    throw refuseInput('responsible', 'name who is responsible');
  }
  if (p.override) {
    requireText('override.reason', p.override.reason, 'say why');
  }
  checkWindow(p.window, p.hospitalRef, options, Boolean(p.override));
  const windowOverride: WindowOverride | undefined = p.override && {
    by: event.actor,
    reason: p.override.reason,
    at: event.at,
  };
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
    ...(windowOverride ? { windowOverride } : {}),
    responsible: p.responsible,
    hospitalContact: p.hospitalContact,
    gates: {},
    status: 'draft',
    createdBy: event.actor,
    lastEventAt: event.at,
    version: 1,
  };
}

/** Starts production; the checks are in `checkStart`. */
function start(
  state: UpgradePlanState,
  action: Extract<UpgradeAction, { type: 'start' }>,
  at: number,
  actor: string,
  options: UpgradeRuleOptions,
): UpgradePlanState {
  checkStart(state, action, at, options);
  return {
    ...state,
    status: 'started',
    startedAt: at,
    // the start's own override is the decision that let production go ahead
    ...(action.override
      ? { windowOverride: { by: actor, reason: action.override.reason, at } }
      : {}),
  };
}

/** Applies one action to the plan; throws RuleError when the rules refuse it. */
function apply(
  state: UpgradePlanState,
  action: UpgradeAction,
  at: number,
  actor: string,
  options: UpgradeRuleOptions,
): UpgradePlanState {
  if (!Object.prototype.hasOwnProperty.call(ALLOWED_FROM, action.type)) {
    throw refuseInput(
      'type',
      `unknown action ${(action as { type: string }).type}`,
    );
  }
  if (action.type === 'start' && state.status === 'draft') {
    throw refuseState(
      `cannot start: gates missing: ${missingGates(state).join(', ')}`,
    );
  }
  if (!ALLOWED_FROM[action.type].includes(state.status)) {
    throw refuseState(`cannot ${action.type} a plan that is ${state.status}`);
  }
  const evidence = (note: string, link?: string): GateEvidence => ({
    note,
    ...(link ? { link } : {}),
    by: actor,
    at,
  });
  switch (action.type) {
    case 'meet-gate':
      if (!PLAIN_GATES.includes(action.gate)) {
        throw refuseInput(
          'gate',
          `${action.gate} is not met by meet-gate (one of ${PLAIN_GATES.join(
            ', ',
          )})`,
        );
      }
      requireText('note', action.note, 'say what shows the gate is met');
      if (
        action.gate === 'simulated-upgrade' &&
        !state.gates['test-environment']
      ) {
        throw refuseState(
          'the simulated upgrade (模拟升级) needs the test environment first (搭建测试环境)',
        );
      }
      return withGates({
        ...state,
        gates: {
          ...state.gates,
          [action.gate]: evidence(action.note, action.link),
        },
      });
    case 'write-rollback-plan':
      checkRollbackPlan(state, action, at);
      requireText('note', action.note, 'say where the rollback plan is');
      return withGates({
        ...state,
        rollbackPlan: action.rollbackPlan,
        gates: {
          ...state.gates,
          'rollback-plan': evidence(action.note, action.link),
        },
      });
    case 'rehearse-rollback':
      checkRehearsal(state, action, at, options.rehearsalRecencyDays);
      return withGates({
        ...state,
        rehearsal: {
          drillId: action.drill.id,
          performedAt: action.drill.performedAt,
        },
        gates: {
          ...state.gates,
          'rollback-rehearsed': evidence(
            `${action.note} (drill ${action.drill.id})`,
          ),
        },
      });
    case 'reschedule': {
      if (action.override) {
        requireText('override.reason', action.override.reason, 'say why');
      }
      checkWindow(
        action.window,
        state.hospitalRef,
        options,
        Boolean(action.override),
      );
      const needed = state.rollbackPlan?.expectedRollbackMinutes ?? 0;
      if (needed > windowMinutes(action.window)) {
        throw refuseInput(
          'window.end',
          `the rollback plan needs ${needed} minutes; a window of ${windowMinutes(
            action.window,
          )} minutes cannot hold it`,
        );
      }
      // a new window is judged afresh: an earlier override does not carry over
      const { windowOverride: _earlier, ...rest } = state;
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
    case 'start':
      return start(state, action, at, actor, options);
    case 'complete':
      return { ...state, status: 'completed', completedAt: at };
    case 'verify':
      requireText(
        'functionalTest',
        action.functionalTest,
        'say what was tested',
      );
      requireText('dataCheck', action.dataCheck, 'say what data was checked');
      return {
        ...state,
        status: 'verified',
        verification: {
          functionalTest: action.functionalTest,
          dataCheck: action.dataCheck,
          by: actor,
          at,
        },
      };
    case 'roll-back':
      requireText('reason', action.reason, 'say why it was rolled back');
      if (!(action.durationMinutes > 0)) {
        throw refuseInput(
          'durationMinutes',
          'say how many minutes the rollback took (more than 0)',
        );
      }
      return {
        ...state,
        status: 'rolled-back',
        rollback: {
          reason: action.reason,
          at,
          durationMinutes: action.durationMinutes,
          by: actor,
        },
      };
    default:
      requireText('reason', action.reason, 'say why the plan is cancelled');
      return {
        ...state,
        status: 'cancelled',
        cancelled: { reason: action.reason, by: actor, at },
      };
  }
}

/**
 * Folds one history row into an upgrade plan's state. Pure: replaying a plan's history from
 * the start with the same options gives its current state.
 *
 * @public
 */
export function applyUpgradeEvent(
  state: UpgradePlanState | undefined,
  event: UpgradeEvent,
  options: UpgradeRuleOptions,
): UpgradePlanState {
  if (!Number.isFinite(event.at)) {
    throw refuseInput('at', 'every event needs its time');
  }
  if (event.type === 'planned') {
    if (state) throw refuseState('the plan was already made');
    return planned(event, options);
  }
  if (!state) throw refuseState('the plan was never made');
  if (event.at < state.lastEventAt) {
    throw refuseInput(
      'at',
      `${new Date(
        event.at,
      ).toISOString()} is before the plan's last event (${new Date(
        state.lastEventAt,
      ).toISOString()})`,
    );
  }
  const action = { type: event.type, ...event.payload } as UpgradeAction;
  const next = apply(state, action, event.at, event.actor, options);
  return { ...next, lastEventAt: event.at, version: state.version + 1 };
}

/** Replays a plan's whole history. @public */
export function replayUpgradePlan(
  events: ReadonlyArray<UpgradeEvent>,
  options: UpgradeRuleOptions,
): UpgradePlanState {
  let state: UpgradePlanState | undefined;
  for (const event of events) state = applyUpgradeEvent(state, event, options);
  if (!state) throw refuseState('the plan has no history');
  return state;
}
