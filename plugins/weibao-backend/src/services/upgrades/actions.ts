import { InputError } from '@backstage/errors';
import type {
  DrillRecord,
  UpgradeAction,
  UpgradePlanState,
  UpgradeWindow,
} from '@weibao/plugin-weibao-common';
import { parseInstant } from '../../request';

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
  r: any,
  deps: {
    drill: (id: string) => Promise<DrillRecord | undefined>;
    now: number;
  },
): Promise<UpgradeAction> {
  const need = (...fields: string[]) => {
    for (const f of fields) {
      if (r[f] === undefined)
        throw new InputError(`${f}: required to ${r.type}`);
    }
  };
  switch (r.type) {
    case 'meet-gate':
      need('gate', 'note');
      if (r.gate === 'rollback-plan' || r.gate === 'rollback-rehearsed') {
        throw new InputError(
          `gate: ${r.gate} is met by ${
            r.gate === 'rollback-plan'
              ? 'write-rollback-plan'
              : 'rehearse-rollback'
          }`,
        );
      }
      return {
        type: 'meet-gate',
        gate: r.gate,
        note: r.note,
        ...(r.link ? { link: r.link } : {}),
      };
    case 'write-rollback-plan':
      need('rollbackPlan', 'note');
      return {
        type: 'write-rollback-plan',
        note: r.note,
        ...(r.link ? { link: r.link } : {}),
        rollbackPlan: {
          ...r.rollbackPlan,
          backupTaken: {
            note: r.rollbackPlan.backupTaken.note,
            at: parseInstant(
              'rollbackPlan.backupTaken.at',
              r.rollbackPlan.backupTaken.at,
              deps.now,
            ),
          },
        },
      };
    case 'rehearse-rollback': {
      need('drillId', 'note');
      const drill = await deps.drill(r.drillId);
      if (!drill) throw new InputError(`drillId: no drill ${r.drillId}`);
      if (drill.systemRef !== plan.systemRef) {
        throw new InputError(
          `drillId: the drill was on ${drill.systemRef}, not on ${plan.systemRef}`,
        );
      }
      return {
        type: 'rehearse-rollback',
        note: r.note,
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
      need('window');
      return {
        type: 'reschedule',
        window: windowOf(r.window),
        ...(r.override ? { override: r.override } : {}),
      };
    case 'start':
      return {
        type: 'start',
        ...(r.override ? { override: r.override } : {}),
      };
    case 'complete':
      return { type: 'complete' };
    case 'verify':
      need('functionalTest', 'dataCheck');
      return {
        type: 'verify',
        functionalTest: r.functionalTest,
        dataCheck: r.dataCheck,
      };
    case 'roll-back':
      need('reason', 'durationMinutes');
      return {
        type: 'roll-back',
        reason: r.reason,
        durationMinutes: r.durationMinutes,
      };
    default:
      need('reason');
      return { type: 'cancel', reason: r.reason };
  }
}
