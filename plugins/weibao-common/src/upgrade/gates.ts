import { RuleError, refuseInput, refuseState } from '../rules/RuleError';
import type { BusinessCalendar } from '../calendar/BusinessCalendar';
import type { UpgradeRuleOptions } from './lifecycle';
import type {
  UpgradeAction,
  UpgradeFreeze,
  UpgradeGate,
  UpgradePlanState,
  UpgradeWindow,
} from './types';
import { UPGRADE_GATES } from './types';
import { checkUpgradeWindow, upgradeWindowShapeProblems } from './window';

const MINUTE = 60_000;
export const DAY = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString();

export const windowMinutes = (window: UpgradeWindow) =>
  (window.end - window.start) / MINUTE;

const blank = (text: unknown) =>
  typeof text !== 'string' || text.trim().length === 0;

/** The gates a plan still lacks, in order. @public */
export function missingGates(state: UpgradePlanState): UpgradeGate[] {
  return UPGRADE_GATES.filter(gate => !state.gates[gate]);
}

/** Refuses blank text for a field. */
export function requireText(field: string, text: unknown, what: string) {
  if (blank(text)) throw refuseInput(field, what);
}

/**
 * Refuses a window with problems. An override (who and why, recorded on the plan) lets a
 * window on a holiday, a make-up workday or in a freeze go ahead; it never excuses a window
 * that is malformed (no length, longer than allowed, downtime that does not fit).
 */
export function checkWindow(
  window: UpgradeWindow,
  hospitalRef: string,
  options: {
    calendar: BusinessCalendar;
    freezes: ReadonlyArray<UpgradeFreeze>;
  },
  overridden: boolean,
  refusal: { kind: 'input' | 'state'; prefix: string } = {
    kind: 'input',
    prefix: '',
  },
) {
  const problems = overridden
    ? upgradeWindowShapeProblems(window)
    : checkUpgradeWindow(window, options.calendar, {
        freezes: options.freezes,
        hospitalRef,
      });
  if (problems.length) {
    const [{ field, reason }] = problems;
    throw new RuleError(field, `${refusal.prefix}${reason}`, refusal.kind);
  }
}

/** The rollback plan (回退预案) must say when and how to roll back, and fit the window. */
export function checkRollbackPlan(
  plan: UpgradePlanState,
  action: Extract<UpgradeAction, { type: 'write-rollback-plan' }>,
  at: number,
) {
  const r = action.rollbackPlan;
  requireText(
    'rollbackPlan.triggerCriteria',
    r?.triggerCriteria,
    'say when the upgrade is rolled back (trigger criteria)',
  );
  if (!Array.isArray(r.steps) || r.steps.length === 0) {
    throw refuseInput('rollbackPlan.steps', 'list at least one step');
  }
  r.steps.forEach((step, i) =>
    requireText(`rollbackPlan.steps[${i}]`, step, 'a step cannot be blank'),
  );
  const minutes = windowMinutes(plan.window);
  if (
    !(r.expectedRollbackMinutes > 0 && r.expectedRollbackMinutes <= minutes)
  ) {
    throw refuseInput(
      'rollbackPlan.expectedRollbackMinutes',
      `${r.expectedRollbackMinutes} minutes: the rollback must take more than 0 minutes and fit the window of ${minutes} minutes`,
    );
  }
  if (!Number.isFinite(r.backupTaken?.at)) {
    throw refuseInput(
      'rollbackPlan.backupTaken.at',
      'say when the backup was taken',
    );
  }
  if (r.backupTaken.at > at) {
    throw refuseInput(
      'rollbackPlan.backupTaken.at',
      `the backup (${iso(
        r.backupTaken.at,
      )}) must be taken before the plan is written (${iso(at)})`,
    );
  }
}

/**
 * A rehearsal of the rollback: a passed drill, not in the future, within the recent period, of
 * this plan or of the system's rollback scenario (回退).
 */
export function checkRehearsal(
  plan: UpgradePlanState,
  action: Extract<UpgradeAction, { type: 'rehearse-rollback' }>,
  at: number,
  rehearsalRecencyDays: number,
) {
  const d = action.drill;
  if (!plan.rollbackPlan) {
    throw refuseState('write the rollback plan before rehearsing it');
  }
  if (d.systemRef !== undefined && d.systemRef !== plan.systemRef) {
    throw refuseInput(
      'drill',
      `the drill was on ${d.systemRef}, not on ${plan.systemRef}`,
    );
  }
  if (!d.passed) {
    throw refuseInput('drill', 'the drill did not recover within its target');
  }
  if (!(d.performedAt <= at)) {
    throw refuseInput(
      'drill',
      `the drill (${iso(
        d.performedAt,
      )}) is after the rehearsal is recorded (${iso(at)})`,
    );
  }
  if (at - d.performedAt > rehearsalRecencyDays * DAY) {
    throw refuseInput(
      'drill',
      `the drill of ${iso(
        d.performedAt,
      )} is older than ${rehearsalRecencyDays} days`,
    );
  }
  const ofThisPlan = d.upgradePlanId === plan.id;
  const rollbackScenario =
    d.upgradePlanId === null && /回退|rollback/i.test(d.scenario);
  if (!ofThisPlan && !rollbackScenario) {
    throw refuseInput(
      'drill',
      d.upgradePlanId === null
        ? `the drill's scenario (${d.scenario}) is not a rollback (回退)`
        : `the drill rehearsed another plan (${d.upgradePlanId})`,
    );
  }
}

/**
 * A ready plan starts when its window is still fine (re-checked now: a freeze declared, or a
 * holiday published, since planning blocks it) or overridden, its rollback rehearsal is still
 * recent, and the start lies in the window (or is overridden).
 */
export function checkStart(
  state: UpgradePlanState,
  action: Extract<UpgradeAction, { type: 'start' }>,
  at: number,
  options: UpgradeRuleOptions,
) {
  const missing = missingGates(state);
  if (missing.length) {
    throw refuseState(`cannot start: gates missing: ${missing.join(', ')}`);
  }
  if (action.override) {
    requireText('override.reason', action.override.reason, 'say why');
  }
  const overridden = Boolean(state.windowOverride || action.override);
  checkWindow(state.window, state.hospitalRef, options, overridden, {
    kind: 'state',
    prefix: 'cannot start: ',
  });
  const rehearsedAt = state.rehearsal?.performedAt ?? -Infinity;
  if (at - rehearsedAt > options.rehearsalRecencyDays * DAY) {
    throw refuseState(
      `cannot start: the rollback was last rehearsed more than ${options.rehearsalRecencyDays} days ago; rehearse it again`,
    );
  }
  if (!overridden && (at < state.window.start || at >= state.window.end)) {
    throw refuseInput(
      'at',
      `${iso(at)} is outside the planned window (${iso(
        state.window.start,
      )} – ${iso(state.window.end)})`,
    );
  }
}
