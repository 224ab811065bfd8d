import { ReactNode } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  INCIDENT_CHANNELS,
  INCIDENT_TYPES,
  INCIDENT_URGENCIES,
  IncidentDetail,
} from '@weibao/plugin-weibao-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { weibaoApiRef } from '../../api';
import { HOSPITAL_TIME_ZONE } from '../../lib/format';
import { FormDialog } from '../../lib/forms';
import {
  choiceItems,
  DATE_TIME_INPUT,
  FieldProps,
  useDialogForm,
} from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';
import { levelText } from './incidentRisk';
import {
  initialReportValues,
  REPORT_INPUTS,
  ReportInput,
  reportProblems,
  reportRequest,
  REQUIRED_REPORT_INPUTS,
} from './reportIncidentForm';
import { useSeverityLevels } from './useSeverityLevels';

export { reportRequest } from './reportIncidentForm';

/** A cell of the form's grid: full width on a phone, `sm` twelfths from small screens up. */
function Cell(props: { sm: 4 | 6; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={props.sm}>
      {props.children}
    </Grid>
  );
}

function ReportIncidentForm(props: ReportIncidentDialogProps) {
  const { systemRef, onClose, onReported } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const form = useDialogForm({
    inputs: REPORT_INPUTS,
    initial: initialReportValues,
    idPrefix: 'report-incident',
  });
  const severity = useSeverityLevels(systemRef, true);

  const submit = async () => {
    const problems = reportProblems(form.values, {
      required: t('incidents.form.required'),
      invalidTime: t('incidents.form.invalidTime'),
      occurredAfter: t('incidents.report.occurredAfterReported'),
    });
    if (!form.check(problems)) return;
    await form.send(
      () => api.reportIncident(reportRequest(systemRef, form.values)),
      incident => {
        onReported(incident);
        onClose();
      },
    );
  };

  const label = (input: ReportInput) => t(`incidents.report.fields.${input}`);
  const text = (input: ReportInput, extra: FieldProps = {}) =>
    form.field(input, {
      label: label(input),
      minRows: extra.multiline ? 3 : undefined,
      inputProps: REQUIRED_REPORT_INPUTS.includes(input)
        ? { 'aria-required': true }
        : undefined,
      ...extra,
    });
  const select = (
    input: ReportInput,
    options: Array<{ value: string; label: string }>,
  ) =>
    form.field(input, {
      label: label(input),
      select: true,
      children: choiceItems(options),
    });

  const timeHint = t('incidents.report.hints.hospitalTime', {
    zone: HOSPITAL_TIME_ZONE,
  });
  const listHint = t('incidents.form.listHint');
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
      {...form.dialog}
      onClose={onClose}
      onSubmit={submit}
      testId="report-incident-dialog"
      maxWidth="md"
    >
      {text('title')}
      {text('symptoms', {
        multiline: true,
        hint: t('incidents.report.hints.symptoms'),
      })}
      <Grid container spacing={2}>
        <Cell sm={6}>{text('reporterName')}</Cell>
        <Cell sm={6}>{text('reporterContact')}</Cell>
        <Cell sm={6}>
          {select(
            'level',
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
        </Cell>
        <Cell sm={6}>
          {select(
            'channel',
            INCIDENT_CHANNELS.map(c => ({
              value: c,
              label: t(`incidents.channels.${c}`),
            })),
          )}
        </Cell>
        <Cell sm={6}>
          {text('occurredAt', { ...DATE_TIME_INPUT, hint: timeHint })}
        </Cell>
        <Cell sm={6}>
          {text('reportedAt', { ...DATE_TIME_INPUT, hint: timeHint })}
        </Cell>
        <Cell sm={4}>
          {select(
            'type',
            INCIDENT_TYPES.map(c => ({
              value: c,
              label: t(`incidents.types.${c}`),
            })),
          )}
        </Cell>
        <Cell sm={4}>
          {select(
            'urgency',
            INCIDENT_URGENCIES.map(c => ({
              value: c,
              label: t(`incidents.urgencies.${c}`),
            })),
          )}
        </Cell>
        <Cell sm={4}>{text('module')}</Cell>
        <Cell sm={4}>{text('impactModules', { hint: listHint })}</Cell>
        <Cell sm={4}>{text('impactProcesses', { hint: listHint })}</Cell>
        <Cell sm={4}>{text('impactUserGroups', { hint: listHint })}</Cell>
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
