import { useState } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  INCIDENT_CHANNELS,
  INCIDENT_TYPES,
  INCIDENT_URGENCIES,
  IncidentChannel,
  IncidentDetail,
  IncidentType,
  IncidentUrgency,
} from '@weibao/plugin-weibao-common';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { IncidentReportRequest, weibaoApiRef } from '../../api';
import { HOSPITAL_TIME_ZONE } from '../../lib/format';
import {
  FormDialog,
  hospitalInstant,
  hospitalLocal,
  useFormErrors,
  useSubmit,
} from '../../lib/forms';
import { weibaoTranslationRef } from '../../translation';
import { levelText, listOf } from './incidentRisk';
import { useSeverityLevels } from './useSeverityLevels';

/** The form's inputs and the backend field names each shows errors for. */
const INPUTS = {
  title: ['title'],
  symptoms: ['symptoms'],
  reporterName: ['reporter.name'],
  reporterContact: ['reporter.contact'],
  level: ['level'],
  channel: ['channel'],
  occurredAt: ['occurredAt'],
  reportedAt: ['reportedAt'],
  type: ['type'],
  urgency: ['urgency'],
  module: ['module'],
  impactModules: ['impact.modules'],
  impactProcesses: ['impact.processes'],
  impactUserGroups: ['impact.userGroups'],
} as const;

type Input = keyof typeof INPUTS;
type Values = Record<Input, string>;

const REQUIRED: Input[] = [
  'title',
  'symptoms',
  'reporterName',
  'reporterContact',
  'level',
  'occurredAt',
  'reportedAt',
];

function initialValues(): Values {
  const now = hospitalLocal(Date.now(), HOSPITAL_TIME_ZONE);
  return {
    title: '',
    symptoms: '',
    reporterName: '',
    reporterContact: '',
    level: '',
    channel: 'hotline',
    occurredAt: now,
    reportedAt: now,
    type: 'request',
    urgency: 'ordinary',
    module: '',
    impactModules: '',
    impactProcesses: '',
    impactUserGroups: '',
  };
}

/** The request body of the form's values (instants on the hospital's wall clock). */
export function reportRequest(
  systemRef: string,
  values: Values,
): IncidentReportRequest {
  const impact = {
    modules: listOf(values.impactModules),
    processes: listOf(values.impactProcesses),
    userGroups: listOf(values.impactUserGroups),
  };
  const hasImpact = Object.values(impact).some(list => list.length > 0);
  return {
    systemRef,
    title: values.title.trim(),
    symptoms: values.symptoms.trim(),
    reporter: {
      name: values.reporterName.trim(),
      contact: values.reporterContact.trim(),
    },
    channel: values.channel as IncidentChannel,
    type: values.type as IncidentType,
    urgency: values.urgency as IncidentUrgency,
    level: Number(values.level),
    occurredAt: hospitalInstant(values.occurredAt, HOSPITAL_TIME_ZONE)!,
    reportedAt: hospitalInstant(values.reportedAt, HOSPITAL_TIME_ZONE)!,
    ...(values.module.trim() ? { module: values.module.trim() } : {}),
    ...(hasImpact
      ? {
          impact: Object.fromEntries(
            Object.entries(impact).filter(([, list]) => list.length > 0),
          ),
        }
      : {}),
  };
}

function ReportIncidentForm(props: ReportIncidentDialogProps) {
  const { systemRef, onClose, onReported } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const [values, setValues] = useState<Values>(initialValues);
  const form = useFormErrors(INPUTS);
  const { busy, submit: send } = useSubmit(form.fromBackend);
  const severity = useSeverityLevels(systemRef, true);

  const set = (input: Input) => (e: { target: { value: unknown } }) =>
    setValues(v => ({ ...v, [input]: String(e.target.value) }));

  const localProblems = () => {
    const problems: Partial<Record<Input, string>> = {};
    for (const input of REQUIRED) {
      if (!values[input].trim()) problems[input] = t('incidents.form.required');
    }
    for (const input of ['occurredAt', 'reportedAt'] as const) {
      if (
        !problems[input] &&
        !hospitalInstant(values[input], HOSPITAL_TIME_ZONE)
      ) {
        problems[input] = t('incidents.form.invalidTime');
      }
    }
    if (
      !problems.occurredAt &&
      !problems.reportedAt &&
      values.occurredAt > values.reportedAt
    ) {
      problems.occurredAt = t('incidents.report.occurredAfterReported');
    }
    return problems;
  };

  const submit = async () => {
    if (!form.check(localProblems())) return;
    await send(
      () => api.reportIncident(reportRequest(systemRef, values)),
      incident => {
        onReported(incident);
        onClose();
      },
    );
  };

  const text = (
    input: Input,
    label: string,
    extra: { multiline?: boolean; hint?: string; type?: string } = {},
  ) => (
    <TextField
      id={`report-incident-${input}`}
      label={label}
      value={values[input]}
      onChange={set(input)}
      fullWidth
      margin="dense"
      multiline={extra.multiline}
      minRows={extra.multiline ? 3 : undefined}
      type={extra.type}
      InputLabelProps={extra.type ? { shrink: true } : undefined}
      inputProps={
        REQUIRED.includes(input) ? { 'aria-required': true } : undefined
      }
      {...form.at(input, extra.hint)}
    />
  );

  const select = (
    input: Input,
    label: string,
    options: Array<{ value: string; label: string }>,
  ) => (
    <TextField
      id={`report-incident-${input}`}
      select
      label={label}
      value={values[input]}
      onChange={set(input)}
      fullWidth
      margin="dense"
      {...form.at(input)}
    >
      {options.map(o => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );

  const timeHint = t('incidents.report.hints.hospitalTime', {
    zone: HOSPITAL_TIME_ZONE,
  });
  let levelNote: string | undefined;
  if (severity.loading) levelNote = t('incidents.report.levelsLoading');
  else if (severity.errorMessage !== undefined) {
    levelNote = t('incidents.report.levelsUnavailable', {
      message: severity.errorMessage,
    });
  } else if (severity.noContractReason !== undefined) {
    levelNote = t('incidents.report.noContract', {
      reason: severity.noContractReason,
    });
  }

  return (
    <FormDialog
      open
      title={t('incidents.report.title')}
      submitLabel={t('incidents.form.save')}
      cancelLabel={t('incidents.form.cancel')}
      busy={busy}
      general={form.general}
      onClose={onClose}
      onSubmit={submit}
      testId="report-incident-dialog"
      maxWidth="md"
    >
      {text('title', t('incidents.report.fields.title'))}
      {text('symptoms', t('incidents.report.fields.symptoms'), {
        multiline: true,
        hint: t('incidents.report.hints.symptoms'),
      })}
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          {text('reporterName', t('incidents.report.fields.reporterName'))}
        </Grid>
        <Grid item xs={12} sm={6}>
          {text(
            'reporterContact',
            t('incidents.report.fields.reporterContact'),
          )}
        </Grid>
        <Grid item xs={12} sm={6}>
          {select(
            'level',
            t('incidents.report.fields.level'),
            severity.levels.map(l => ({
              value: `${l.level}`,
              label: levelText(l.level, l.name),
            })),
          )}
          {levelNote && (
            <Typography variant="caption" data-testid="report-incident-levels">
              {levelNote}
            </Typography>
          )}
        </Grid>
        <Grid item xs={12} sm={6}>
          {select(
            'channel',
            t('incidents.report.fields.channel'),
            INCIDENT_CHANNELS.map(c => ({
              value: c,
              label: t(`incidents.channels.${c}`),
            })),
          )}
        </Grid>
        <Grid item xs={12} sm={6}>
          {text('occurredAt', t('incidents.report.fields.occurredAt'), {
            type: 'datetime-local',
            hint: timeHint,
          })}
        </Grid>
        <Grid item xs={12} sm={6}>
          {text('reportedAt', t('incidents.report.fields.reportedAt'), {
            type: 'datetime-local',
            hint: timeHint,
          })}
        </Grid>
        <Grid item xs={12} sm={4}>
          {select(
            'type',
            t('incidents.report.fields.type'),
            INCIDENT_TYPES.map(c => ({
              value: c,
              label: t(`incidents.types.${c}`),
            })),
          )}
        </Grid>
        <Grid item xs={12} sm={4}>
          {select(
            'urgency',
            t('incidents.report.fields.urgency'),
            INCIDENT_URGENCIES.map(c => ({
              value: c,
              label: t(`incidents.urgencies.${c}`),
            })),
          )}
        </Grid>
        <Grid item xs={12} sm={4}>
          {text('module', t('incidents.report.fields.module'))}
        </Grid>
        <Grid item xs={12} sm={4}>
          {text('impactModules', t('incidents.report.fields.impactModules'), {
            hint: t('incidents.form.listHint'),
          })}
        </Grid>
        <Grid item xs={12} sm={4}>
          {text(
            'impactProcesses',
            t('incidents.report.fields.impactProcesses'),
            { hint: t('incidents.form.listHint') },
          )}
        </Grid>
        <Grid item xs={12} sm={4}>
          {text(
            'impactUserGroups',
            t('incidents.report.fields.impactUserGroups'),
            { hint: t('incidents.form.listHint') },
          )}
        </Grid>
      </Grid>
    </FormDialog>
  );
}

/** @public */
export type ReportIncidentDialogProps = {
  open: boolean;
  /** The hospital system (Component entity ref) the incident is on. */
  systemRef: string;
  onClose: () => void;
  /** Called with the new incident once the backend has it; the dialog then closes. */
  onReported: (incident: IncidentDetail) => void;
};

/**
 * The report form (故障登记) of an incident on one hospital system: what is wrong, who reported
 * it and how, when, its level from the covering contract's severity matrix, type, urgency and
 * scope of impact. A fresh form each time it opens.
 *
 * @public
 */
export function ReportIncidentDialog(props: ReportIncidentDialogProps) {
  return props.open ? <ReportIncidentForm {...props} /> : null;
}
