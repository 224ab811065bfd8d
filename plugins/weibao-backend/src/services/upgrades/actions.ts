import { InputError } from '@backstage/errors';
import type {
  DrillRecord,
  RollbackPlan,
  UpgradeAction,
  UpgradePlanState,
  UpgradeWindow,
} from '@weibao/plugin-weibao-common';
import { parseInstant } from '../../request';
import type { UpgradeActionRequest } from '../../schema/requests';

type WindowInput = {
  start: string;
  end: string;
  expectedDowntimeMinutes: number;
};

/** A window from a request: RFC 3339 instants, any time (plans are made ahead). */
export function windowOf(input: WindowInput): UpgradeWindow {
  return {
    start: parseInstant('window.start', input.start, Infinity),
    end: parseInstant('window.end', input.end, Infinity),
    expectedDowntimeMinutes: input.expectedDowntimeMinutes,
  };
}

/**
 * An upgrade plan's action from a request: checks the fields each type needs (beyond what the
 * OpenAPI schema checks), parses its instants and looks up the drill a rehearsal names.
 */
export async function upgradeActionFrom(
  plan: UpgradePlanState,
  r: Omit<UpgradeActionRequest, 'version' | 'at'>,
  deps: {
    drill: (id: string) => Promise<DrillRecord | undefined>;
    now: number;
  },
): Promise<UpgradeAction> {
  /** A field the action's type needs (beyond the schema), or a 400 naming it. */
  const need = <T>(field: string, value: T | undefined | null): T => {
    if (value === undefined || value === null) {
      throw new InputError(`${field}: required to ${r.type}`);
    }
    return value;
  };
  const link = r.link ? { link: r.link } : {};
  const override = r.override ? { override: r.override } : {};
  switch (r.type) {
    case 'meet-gate': {
      const gate = need('gate', r.gate);
      const note = need('note', r.note);
      if (gate === 'rollback-plan' || gate === 'rollback-rehearsed') {
        throw new InputError(
          `gate: ${gate} is met by ${
            gate === 'rollback-plan'
              ? 'write-rollback-plan'
              : 'rehearse-rollback'
          }`,
        );
      }
      return { type: 'meet-gate', gate, note, ...link };
    }
    case 'write-rollback-plan': {
      const rollbackPlan = need('rollbackPlan', r.rollbackPlan);
      const note = need('note', r.note);
      return {
        type: 'write-rollback-plan',
        note,
        ...link,
        rollbackPlan: {
          // the rule of the rollback-plan gate checks what the plan must hold
          ...(rollbackPlan as Omit<RollbackPlan, 'backupTaken'>),
          backupTaken: {
            note: rollbackPlan.backupTaken.note,
            at: parseInstant(
              'rollbackPlan.backupTaken.at',
              rollbackPlan.backupTaken.at,
              deps.now,
            ),
          },
        },
      };
    }
    case 'rehearse-rollback': {
      const drillId = need('drillId', r.drillId);
      const note = need('note', r.note);
      const drill = await deps.drill(drillId);
      if (!drill) throw new InputError(`drillId: no drill ${drillId}`);
      if (drill.systemRef !== plan.systemRef) {
        throw new InputError(
          `drillId: the drill was on ${drill.systemRef}, not on ${plan.systemRef}`,
        );
      }
      return {
        type: 'rehearse-rollback',
        note,
        drill: {
          id: drill.id,
          performedAt: Date.parse(drill.performedAt),
          passed: drill.passed,
          scenario: drill.scenario,
          upgradePlanId: drill.upgradePlanId,
        },
      };
    }
    case 'reschedule':
      return {
        type: 'reschedule',
        window: windowOf(need('window', r.window)),
        ...override,
      };
    case 'start':
      return { type: 'start', ...override };
    case 'complete':
      return { type: 'complete' };
    case 'verify': {
      const functionalTest = need('functionalTest', r.functionalTest);
      const dataCheck = need('dataCheck', r.dataCheck);
      return { type: 'verify', functionalTest, dataCheck };
    }
    case 'roll-back': {
      const reason = need('reason', r.reason);
      const durationMinutes = need('durationMinutes', r.durationMinutes);
      return { type: 'roll-back', reason, durationMinutes };
    }
    default:
      return { type: 'cancel', reason: need('reason', r.reason) };
  }
}
