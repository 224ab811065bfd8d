import type {
  UpgradeActionType,
  UpgradeGate,
} from '@weibao/plugin-weibao-common';
import type { UpgradeActionRequest } from '../../api';
import { hospitalInstant, linesOf, wholeNumber } from '../../lib/forms';

/** The inputs of the upgrade-plan action forms. */
export type ActionInput =
  | 'gate'
  | 'note'
  | 'link'
  | 'triggerCriteria'
  | 'steps'
  | 'expectedRollbackMinutes'
  | 'backupTakenAt'
  | 'backupNote'
  | 'drillId'
  | 'windowStart'
  | 'windowEnd'
  | 'expectedDowntime'
  | 'overrideReason'
  | 'functionalTest'
  | 'dataCheck'
  | 'reason'
  | 'durationMinutes';

/** The gates `meet-gate` meets; the rollback gates have their own actions. */
export const PLAIN_GATES = [
  'test-environment',
  'simulated-upgrade',
  'hospital-approval',
] as const satisfies ReadonlyArray<UpgradeGate>;

/** The inputs each action needs, in the order the form shows them. */
export const ACTION_INPUTS: Record<
  UpgradeActionType,
  ReadonlyArray<ActionInput>
> = {
  'meet-gate': ['gate', 'note', 'link'],
  'write-rollback-plan': [
    'triggerCriteria',
    'steps',
    'expectedRollbackMinutes',
    'backupTakenAt',
    'backupNote',
    'note',
    'link',
  ],
  'rehearse-rollback': ['drillId', 'note'],
  reschedule: [
    'windowStart',
    'windowEnd',
    'expectedDowntime',
    'overrideReason',
  ],
  start: ['overrideReason'],
  complete: [],
  verify: ['functionalTest', 'dataCheck'],
  'roll-back': ['reason', 'durationMinutes'],
  cancel: ['reason'],
};

/** Inputs that may be left empty. */
export const OPTIONAL_INPUTS: ReadonlyArray<ActionInput> = [
  'link',
  'overrideReason',
];

/** The backend fields each input shows errors of (`window` is the reschedule form's window). */
export const INPUT_FIELDS: Record<ActionInput | 'window', readonly string[]> = {
  gate: ['gate'],
  note: ['note'],
  link: ['link'],
  triggerCriteria: ['rollbackPlan', 'rollbackPlan.triggerCriteria'],
  steps: ['rollbackPlan.steps'],
  expectedRollbackMinutes: ['rollbackPlan.expectedRollbackMinutes'],
  backupTakenAt: ['rollbackPlan.backupTaken.at'],
  backupNote: ['rollbackPlan.backupTaken', 'rollbackPlan.backupTaken.note'],
  drillId: ['drillId', 'drill'],
  window: ['window'],
  windowStart: ['window.start'],
  windowEnd: ['window.end'],
  expectedDowntime: ['window.expectedDowntimeMinutes'],
  overrideReason: ['override'],
  functionalTest: ['functionalTest'],
  dataCheck: ['dataCheck'],
  reason: ['reason'],
  durationMinutes: ['durationMinutes'],
};

/** The translation key of each input's label. */
export const INPUT_LABELS = {
  gate: 'upgrades.actionForm.fields.gate',
  note: 'upgrades.actionForm.fields.note',
  link: 'upgrades.actionForm.fields.link',
  triggerCriteria: 'upgrades.actionForm.fields.triggerCriteria',
  steps: 'upgrades.actionForm.fields.steps',
  expectedRollbackMinutes: 'upgrades.actionForm.fields.expectedRollbackMinutes',
  backupTakenAt: 'upgrades.actionForm.fields.backupTakenAt',
  backupNote: 'upgrades.actionForm.fields.backupNote',
  drillId: 'upgrades.actionForm.fields.drill',
  windowStart: 'upgrades.planForm.fields.windowStart',
  windowEnd: 'upgrades.planForm.fields.windowEnd',
  expectedDowntime: 'upgrades.planForm.fields.expectedDowntime',
  overrideReason: 'upgrades.actionForm.fields.overrideReason',
  functionalTest: 'upgrades.actionForm.fields.functionalTest',
  dataCheck: 'upgrades.actionForm.fields.dataCheck',
  reason: 'upgrades.actionForm.fields.reason',
  durationMinutes: 'upgrades.actionForm.fields.durationMinutes',
} as const satisfies Record<ActionInput, string>;

/**
 * The request of an action from the form's values, or the problems of its inputs. Instants are
 * read as the hospital's wall clock.
 */
export function actionRequest(
  action: UpgradeActionType,
  values: Record<ActionInput, string>,
  timeZone: string,
  messages: { required: string; wholeNumber: string; instant: string },
): {
  request?: UpgradeActionRequest;
  problems: Partial<Record<ActionInput, string>>;
} {
  const problems: Partial<Record<ActionInput, string>> = {};
  const text = (key: ActionInput) => {
    const value = values[key].trim();
    if (!value && !OPTIONAL_INPUTS.includes(key)) {
      problems[key] = messages.required;
    }
    return value;
  };
  const minutes = (key: ActionInput, min: number) => {
    const n = wholeNumber(values[key], min);
    if (n === undefined) problems[key] = messages.wholeNumber;
    return n!;
  };
  const instant = (key: ActionInput) => {
    const iso = hospitalInstant(values[key], timeZone);
    if (!iso) problems[key] = messages.instant;
    return iso!;
  };
  const optional = <K extends string>(key: K, value: string) =>
    value ? ({ [key]: value } as Record<K, string>) : {};
  const override = () => {
    const reason = text('overrideReason');
    return reason ? { override: { reason } } : {};
  };

  let request: UpgradeActionRequest;
  switch (action) {
    case 'meet-gate':
      request = {
        type: action,
        gate: text('gate') as (typeof PLAIN_GATES)[number],
        note: text('note'),
        ...optional('link', text('link')),
      };
      break;
    case 'write-rollback-plan': {
      const steps = linesOf(values.steps);
      if (!steps.length) problems.steps = messages.required;
      request = {
        type: action,
        rollbackPlan: {
          triggerCriteria: text('triggerCriteria'),
          steps,
          expectedRollbackMinutes: minutes('expectedRollbackMinutes', 1),
          backupTaken: {
            at: instant('backupTakenAt'),
            note: text('backupNote'),
          },
        },
        note: text('note'),
        ...optional('link', text('link')),
      };
      break;
    }
    case 'rehearse-rollback':
      request = { type: action, drillId: text('drillId'), note: text('note') };
      break;
    case 'reschedule':
      request = {
        type: action,
        window: {
          start: instant('windowStart'),
          end: instant('windowEnd'),
          expectedDowntimeMinutes: minutes('expectedDowntime', 0),
        },
        ...override(),
      };
      break;
    case 'start':
      request = { type: action, ...override() };
      break;
    case 'complete':
      request = { type: action };
      break;
    case 'verify':
      request = {
        type: action,
        functionalTest: text('functionalTest'),
        dataCheck: text('dataCheck'),
      };
      break;
    case 'roll-back':
      request = {
        type: action,
        reason: text('reason'),
        durationMinutes: minutes('durationMinutes', 1),
      };
      break;
    default:
      request = { type: 'cancel', reason: text('reason') };
  }
  return Object.keys(problems).length ? { problems } : { request, problems };
}
