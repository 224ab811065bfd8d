import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import type { DrillRecord } from '@weibao/plugin-weibao-common';
import { weibaoApiRef, type DrillRequest } from '../../api';
import { useWeibaoFormat } from '../../lib/format';
import {
  FormDialog,
  hospitalInstant,
  hospitalLocal,
  linesOf,
  wholeNumber,
} from '../../lib/forms';
import {
  choiceItems,
  DATE_TIME_INPUT,
  FieldProps,
  useDialogForm,
} from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';

/** The drill form's inputs and the backend fields each shows errors of. */
const INPUTS = {
  scenario: ['scenario'],
  performedAt: ['performedAt'],
  participants: ['participants'],
  recoveryMinutes: ['recoveryMinutes'],
  targetMinutes: ['targetMinutes'],
  findings: ['findings'],
  upgradePlanId: ['upgradePlanId'],
} as const;
type Input = keyof typeof INPUTS;

/**
 * The form of a drill (应急演练) on one hospital system: scenario, when, who, recovery against
 * target, findings; optionally the upgrade plan whose rollback it rehearsed — chosen from
 * `plans`, or fixed by `upgradePlanId`.
 */
export function RecordDrillDialog(props: {
  systemRef: string;
  plans?: Array<{ id: string; title: string }>;
  upgradePlanId?: string;
  onClose: () => void;
  onRecorded: (drill: DrillRecord) => void;
}) {
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const { timeZone } = useWeibaoFormat();
  const form = useDialogForm({
    inputs: INPUTS,
    initial: () => ({
      scenario: '',
      performedAt: hospitalLocal(Date.now(), timeZone),
      participants: '',
      recoveryMinutes: '',
      targetMinutes: '',
      findings: '',
      upgradePlanId: props.upgradePlanId ?? '',
    }),
    idPrefix: 'record-drill',
  });
  const { values } = form;

  const submit = async () => {
    const required = t('upgrades.form.required');
    const performedAt = hospitalInstant(values.performedAt, timeZone);
    const participants = linesOf(values.participants);
    const recovery = wholeNumber(values.recoveryMinutes);
    const target = values.targetMinutes.trim()
      ? wholeNumber(values.targetMinutes, 1)
      : undefined;
    const ok = form.check({
      scenario: values.scenario.trim() ? undefined : required,
      performedAt: performedAt ? undefined : t('upgrades.form.instant'),
      participants: participants.length ? undefined : required,
      recoveryMinutes:
        recovery === undefined ? t('upgrades.form.wholeNumber') : undefined,
      targetMinutes:
        values.targetMinutes.trim() && target === undefined
          ? t('upgrades.form.wholeNumber')
          : undefined,
    });
    if (!ok) return;
    const request: DrillRequest = {
      systemRef: props.systemRef,
      scenario: values.scenario.trim(),
      performedAt: performedAt!,
      participants,
      recoveryMinutes: recovery!,
      ...(target !== undefined ? { targetMinutes: target } : {}),
      ...(values.findings.trim() ? { findings: values.findings.trim() } : {}),
      ...(values.upgradePlanId ? { upgradePlanId: values.upgradePlanId } : {}),
    };
    await form.send(() => api.recordDrill(request), props.onRecorded);
  };

  const field = (key: Input, extra: FieldProps = {}) =>
    form.field(key, {
      label: t(
        `upgrades.drillForm.fields.${
          key === 'upgradePlanId' ? 'upgradePlan' : key
        }`,
      ),
      ...extra,
    });

  return (
    <FormDialog
      open
      title={t('upgrades.drillForm.title')}
      submitLabel={t('upgrades.drillForm.submit')}
      cancelLabel={t('upgrades.form.cancel')}
      {...form.dialog}
      onClose={props.onClose}
      onSubmit={submit}
      testId="record-drill-dialog"
    >
      {field('scenario', { required: true })}
      {!props.upgradePlanId &&
        props.plans &&
        props.plans.length > 0 &&
        field('upgradePlanId', {
          select: true,
          SelectProps: { native: true },
          InputLabelProps: { shrink: true },
          children: choiceItems(
            [
              { value: '', label: t('upgrades.drillForm.noPlan') },
              ...props.plans.map(p => ({ value: p.id, label: p.title })),
            ],
            true,
          ),
        })}
      {field('performedAt', {
        ...DATE_TIME_INPUT,
        hint: t('upgrades.form.hospitalTime', { zone: timeZone }),
      })}
      {field('participants', { multiline: true, minRows: 2, required: true })}
      <Grid container spacing={2}>
        <Grid item xs={6}>
          {field('recoveryMinutes', {
            type: 'number',
            inputProps: { min: 0 },
            required: true,
          })}
        </Grid>
        <Grid item xs={6}>
          {field('targetMinutes', {
            type: 'number',
            inputProps: { min: 1 },
            hint: t('upgrades.drillForm.targetHint'),
          })}
        </Grid>
      </Grid>
      {field('findings', { multiline: true, minRows: 2 })}
    </FormDialog>
  );
}
