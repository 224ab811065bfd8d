import { useState } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import {
  UPGRADE_SCOPES,
  type UpgradePlan,
  type UpgradeScope,
} from '@weibao/plugin-weibao-common';
import { weibaoApiRef, type UpgradePlanRequest } from '../../api';
import { useWeibaoFormat } from '../../lib/format';
import {
  FormDialog,
  hospitalInstant,
  linesOf,
  wholeNumber,
} from '../../lib/forms';
import {
  DATE_TIME_INPUT,
  FieldProps,
  useDialogForm,
} from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';

/** The plan form's inputs and the backend fields each shows errors of. */
const INPUTS = {
  title: ['title'],
  fromVersion: ['fromVersion'],
  toVersion: ['toVersion'],
  architecture: ['architecture'],
  targetArchitecture: ['targetArchitecture'],
  scope: ['scope'],
  window: ['window'],
  windowStart: ['window.start'],
  windowEnd: ['window.end'],
  expectedDowntime: ['window.expectedDowntimeMinutes'],
  responsible: ['responsible'],
  hospitalContactName: ['hospitalContact', 'hospitalContact.name'],
  hospitalContact: ['hospitalContact.contact'],
  overrideReason: ['override'],
} as const;
type Input = keyof typeof INPUTS;
type TextInput = Exclude<Input, 'scope' | 'window'>;

const EMPTY: Record<TextInput, string> = {
  title: '',
  fromVersion: '',
  toVersion: '',
  architecture: 'x86_64',
  targetArchitecture: 'x86_64',
  windowStart: '',
  windowEnd: '',
  expectedDowntime: '',
  responsible: '',
  hospitalContactName: '',
  hospitalContact: '',
  overrideReason: '',
};

/** The translation key of each input's label. */
const LABELS = {
  title: 'upgrades.planForm.fields.title',
  fromVersion: 'upgrades.planForm.fields.fromVersion',
  toVersion: 'upgrades.planForm.fields.toVersion',
  architecture: 'upgrades.planForm.fields.architecture',
  targetArchitecture: 'upgrades.planForm.fields.targetArchitecture',
  scope: 'upgrades.planForm.fields.scope',
  window: 'upgrades.planForm.fields.window',
  windowStart: 'upgrades.planForm.fields.windowStart',
  windowEnd: 'upgrades.planForm.fields.windowEnd',
  expectedDowntime: 'upgrades.planForm.fields.expectedDowntime',
  responsible: 'upgrades.planForm.fields.responsible',
  hospitalContactName: 'upgrades.planForm.fields.hospitalContactName',
  hospitalContact: 'upgrades.planForm.fields.hospitalContact',
  overrideReason: 'upgrades.planForm.fields.overrideReason',
} as const;

/**
 * The form of a new upgrade plan (升级方案) for one hospital system. Times are the hospital's
 * wall clock; the backend's refusals (a holiday, a freeze, a cross-architecture upgrade) are
 * shown next to the field they name.
 */
export function PlanUpgradeDialog(props: {
  systemRef: string;
  onClose: () => void;
  onPlanned: (plan: UpgradePlan) => void;
}) {
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const { timeZone } = useWeibaoFormat();
  const [scope, setScope] = useState<UpgradeScope[]>([]);
  const form = useDialogForm<Input, TextInput>({
    inputs: INPUTS,
    initial: () => EMPTY,
    idPrefix: 'plan-upgrade',
  });
  const { values, errors } = form;

  const submit = async () => {
    const required = t('upgrades.form.required');
    const blank = (key: TextInput) =>
      values[key].trim() ? undefined : required;
    const start = hospitalInstant(values.windowStart, timeZone);
    const end = hospitalInstant(values.windowEnd, timeZone);
    const downtime = wholeNumber(values.expectedDowntime);
    const responsible = linesOf(values.responsible);
    const ok = form.check({
      title: blank('title'),
      fromVersion: blank('fromVersion'),
      toVersion: blank('toVersion'),
      architecture: blank('architecture'),
      targetArchitecture: blank('targetArchitecture'),
      scope: scope.length ? undefined : required,
      windowStart: start ? undefined : t('upgrades.form.instant'),
      windowEnd: end ? undefined : t('upgrades.form.instant'),
      expectedDowntime:
        downtime === undefined ? t('upgrades.form.wholeNumber') : undefined,
      responsible: responsible.length ? undefined : required,
      hospitalContactName: blank('hospitalContactName'),
      hospitalContact: blank('hospitalContact'),
    });
    if (!ok) return;
    const request: UpgradePlanRequest = {
      systemRef: props.systemRef,
      title: values.title.trim(),
      fromVersion: values.fromVersion.trim(),
      toVersion: values.toVersion.trim(),
      architecture: values.architecture.trim(),
      targetArchitecture: values.targetArchitecture.trim(),
      scope: UPGRADE_SCOPES.filter(s => scope.includes(s)),
      window: {
        start: start!,
        end: end!,
        expectedDowntimeMinutes: downtime!,
      },
      responsible,
      hospitalContact: {
        name: values.hospitalContactName.trim(),
        contact: values.hospitalContact.trim(),
      },
      ...(values.overrideReason.trim()
        ? { override: { reason: values.overrideReason.trim() } }
        : {}),
    };
    await form.send(() => api.planUpgrade(request), props.onPlanned);
  };

  const f = (key: keyof typeof LABELS) => t(LABELS[key]);
  const text = (key: TextInput, extra: FieldProps = {}) =>
    form.field(key, { label: f(key), ...extra });
  const timeHint = t('upgrades.form.hospitalTime', { zone: timeZone });

  return (
    <FormDialog
      open
      title={t('upgrades.planForm.title')}
      submitLabel={t('upgrades.planForm.submit')}
      cancelLabel={t('upgrades.form.cancel')}
      {...form.dialog}
      onClose={props.onClose}
      onSubmit={submit}
      testId="plan-upgrade-dialog"
      maxWidth="md"
    >
      {text('title', { required: true })}
      <Grid container spacing={2}>
        <Grid item xs={6}>
          {text('fromVersion', { required: true })}
        </Grid>
        <Grid item xs={6}>
          {text('toVersion', { required: true })}
        </Grid>
        <Grid item xs={6}>
          {text('architecture', { required: true })}
        </Grid>
        <Grid item xs={6}>
          {text('targetArchitecture', {
            required: true,
            hint: t('upgrades.planForm.architectureHint'),
          })}
        </Grid>
      </Grid>
      <FormControl
        component="fieldset"
        margin="dense"
        error={Boolean(errors.scope)}
        data-testid="plan-upgrade-scope"
      >
        <FormLabel component="legend">{f('scope')}</FormLabel>
        <FormGroup row>
          {UPGRADE_SCOPES.map(s => (
            <FormControlLabel
              key={s}
              label={t(`upgrades.scopes.${s}`)}
              control={
                <Checkbox
                  checked={scope.includes(s)}
                  onChange={(_, checked) =>
                    setScope(current =>
                      checked ? [...current, s] : current.filter(c => c !== s),
                    )
                  }
                />
              }
            />
          ))}
        </FormGroup>
        {errors.scope && <FormHelperText>{errors.scope}</FormHelperText>}
      </FormControl>
      <Box
        component="fieldset"
        border={0}
        p={0}
        m={0}
        mt={1}
        data-testid="plan-upgrade-window"
      >
        <FormLabel component="legend" error={Boolean(errors.window)}>
          {f('window')}
        </FormLabel>
        <Grid container spacing={2}>
          <Grid item xs={12} sm={4}>
            {text('windowStart', { ...DATE_TIME_INPUT, hint: timeHint })}
          </Grid>
          <Grid item xs={12} sm={4}>
            {text('windowEnd', { ...DATE_TIME_INPUT, hint: timeHint })}
          </Grid>
          <Grid item xs={12} sm={4}>
            {text('expectedDowntime', {
              type: 'number',
              inputProps: { min: 0 },
            })}
          </Grid>
        </Grid>
        {errors.window && (
          <FormHelperText error>{errors.window}</FormHelperText>
        )}
      </Box>
      {text('responsible', { multiline: true, minRows: 2 })}
      <Grid container spacing={2}>
        <Grid item xs={6}>
          {text('hospitalContactName')}
        </Grid>
        <Grid item xs={6}>
          {text('hospitalContact')}
        </Grid>
      </Grid>
      {text('overrideReason', { hint: t('upgrades.planForm.overrideHint') })}
    </FormDialog>
  );
}
