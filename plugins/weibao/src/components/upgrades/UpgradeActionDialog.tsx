import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import type {
  UpgradeActionType,
  UpgradePlanDetail,
} from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import { useWeibaoFormat } from '../../lib/format';
import { FormDialog, hospitalLocal } from '../../lib/forms';
import {
  choiceItems,
  DATE_TIME_INPUT,
  FieldProps,
  useDialogForm,
} from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';
import {
  ACTION_INPUTS,
  ActionInput,
  actionRequest,
  INPUT_FIELDS,
  INPUT_LABELS,
  OPTIONAL_INPUTS,
  PLAIN_GATES,
} from './upgradeActions';

/** What kind of control each input is. */
const MULTILINE: ReadonlyArray<ActionInput> = [
  'note',
  'triggerCriteria',
  'steps',
  'backupNote',
  'functionalTest',
  'dataCheck',
  'reason',
];
const NUMBERS: ReadonlyArray<ActionInput> = [
  'expectedRollbackMinutes',
  'expectedDowntime',
  'durationMinutes',
];
const INSTANTS: ReadonlyArray<ActionInput> = [
  'backupTakenAt',
  'windowStart',
  'windowEnd',
];

/**
 * The form of one action on an upgrade plan, with the inputs that action needs; sends the
 * plan's version, and shows the backend's refusal (a 409 included) next to the field it names,
 * or above the form.
 */
export function UpgradeActionDialog(props: {
  plan: UpgradePlanDetail;
  action: UpgradeActionType;
  onClose: () => void;
  onDone: () => void;
}) {
  const { plan, action } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const { timeZone } = format;
  const inputs = ACTION_INPUTS[action];
  const drills = [...plan.drills].sort(
    (a, b) => Number(b.passed) - Number(a.passed),
  );
  const initial = (): Record<ActionInput, string> => ({
    gate:
      PLAIN_GATES.find(g => plan.missingGates.includes(g)) ?? PLAIN_GATES[0],
    note: '',
    link: '',
    triggerCriteria: '',
    steps: '',
    expectedRollbackMinutes: '',
    backupTakenAt: hospitalLocal(Date.now(), timeZone),
    backupNote: '',
    drillId: drills[0]?.id ?? '',
    windowStart: hospitalLocal(plan.window.start, timeZone),
    windowEnd: hospitalLocal(plan.window.end, timeZone),
    expectedDowntime: `${plan.window.expectedDowntimeMinutes}`,
    overrideReason: '',
    functionalTest: '',
    dataCheck: '',
    reason: '',
    durationMinutes: '',
  });
  const claimable = Object.fromEntries(
    [...inputs, ...(action === 'reschedule' ? (['window'] as const) : [])].map(
      key => [key, INPUT_FIELDS[key]],
    ),
  ) as Record<ActionInput | 'window', readonly string[]>;
  const form = useDialogForm<ActionInput | 'window', ActionInput>({
    inputs: claimable,
    initial,
    idPrefix: 'upgrade-action',
  });
  const { values, errors } = form;

  const submit = async () => {
    const messages = {
      required: t('upgrades.form.required'),
      wholeNumber: t('upgrades.form.wholeNumber'),
      instant: t('upgrades.form.instant'),
    };
    const { problems, request } = actionRequest(
      action,
      values,
      timeZone,
      messages,
    );
    if (!form.check(problems) || !request) return;
    await form.send(
      () => api.actOnUpgradePlan(plan.id, plan.version, request),
      () => props.onDone(),
    );
  };

  const drillChoices = drills.map(d => ({
    value: d.id,
    label: t('upgrades.actionForm.drillOption', {
      performedAt: format.instant(d.performedAt),
      scenario: d.scenario,
      result: t(d.passed ? 'upgrades.passed' : 'upgrades.failed'),
    }),
  }));
  const gateChoices = PLAIN_GATES.map(g => ({
    value: g,
    label: t(`upgrades.gates.${g}`),
  }));

  /** The props of an input by its kind: a choice, an instant, a number, a text. */
  const kindProps = (key: ActionInput): FieldProps => {
    if (key === 'gate' || key === 'drillId') {
      return {
        select: true,
        SelectProps: { native: true },
        InputLabelProps: { shrink: true },
        children: choiceItems(
          key === 'gate' ? gateChoices : drillChoices,
          true,
        ),
      };
    }
    if (INSTANTS.includes(key)) {
      return {
        ...DATE_TIME_INPUT,
        hint: t('upgrades.form.hospitalTime', { zone: timeZone }),
      };
    }
    return {
      type: NUMBERS.includes(key) ? 'number' : 'text',
      multiline: MULTILINE.includes(key),
      minRows: MULTILINE.includes(key) ? 2 : undefined,
      hint:
        key === 'overrideReason'
          ? t('upgrades.planForm.overrideHint')
          : undefined,
    };
  };

  const control = (key: ActionInput) =>
    key === 'drillId' && !drillChoices.length ? (
      <Typography key={key} color="textSecondary" paragraph>
        {t('upgrades.actionForm.noDrills')}
      </Typography>
    ) : (
      form.field(key, {
        label: t(INPUT_LABELS[key]),
        required: !OPTIONAL_INPUTS.includes(key),
        ...kindProps(key),
      })
    );

  const confirmation =
    (action === 'start' && t('upgrades.actionForm.confirmStart')) ||
    (action === 'complete' && t('upgrades.actionForm.confirmComplete'));

  return (
    <FormDialog
      open
      title={`${t(`upgrades.actions.${action}`)} · ${plan.title}`}
      submitLabel={t(`upgrades.actions.${action}`)}
      cancelLabel={t('upgrades.form.cancel')}
      {...form.dialog}
      onClose={props.onClose}
      onSubmit={submit}
      testId={`upgrade-action-dialog-${action}`}
    >
      {confirmation && <Typography paragraph>{confirmation}</Typography>}
      {inputs.map(control)}
      {errors.window && <FormHelperText error>{errors.window}</FormHelperText>}
    </FormDialog>
  );
}
