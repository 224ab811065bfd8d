import { useState } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  IncidentAction,
  IncidentActionType,
  IncidentDetail,
  ROOT_CAUSE_CATEGORIES,
} from '@weibao/plugin-weibao-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { weibaoApiRef } from '../../api';
import {
  backendMessage,
  backendStatus,
  FormDialog,
  useFormErrors,
  useSubmit,
} from '../../lib/forms';
import { weibaoTranslationRef } from '../../translation';
import { levelText, listOf } from './incidentRisk';
import { useSeverityLevels } from './useSeverityLevels';

/** An input of an action's dialog; `name` is the action's field, as the backend names it. */
type ActionInput = {
  name:
    | 'method'
    | 'result'
    | 'rootCause'
    | 'confirmedBy'
    | 'grantedBy'
    | 'note'
    | 'text'
    | 'level'
    | 'reason'
    | 'assignees';
  kind: 'text' | 'multiline' | 'rootCause' | 'level' | 'list';
  required: boolean;
};

const req = (
  name: ActionInput['name'],
  kind: ActionInput['kind'] = 'text',
): ActionInput => ({ name, kind, required: true });
const opt = (
  name: ActionInput['name'],
  kind: ActionInput['kind'] = 'text',
): ActionInput => ({ name, kind, required: false });

/** The inputs of the actions that need some (see IncidentAction in weibao-common). */
const ACTION_INPUTS: Partial<Record<IncidentActionType, ActionInput[]>> = {
  'grant-remote-permission': [req('grantedBy'), opt('note', 'multiline')],
  resolve: [
    req('method', 'multiline'),
    req('result', 'multiline'),
    opt('rootCause', 'rootCause'),
  ],
  confirm: [req('confirmedBy'), opt('note', 'multiline')],
  reopen: [req('reason', 'multiline')],
  regrade: [req('level', 'level'), req('reason', 'multiline')],
  pause: [req('reason', 'multiline')],
  note: [req('text', 'multiline')],
  reassign: [req('assignees', 'list')],
};

/** Closing needs a root-cause category: asked for when the incident has none yet. */
const CLOSE_INPUTS: ActionInput[] = [req('rootCause', 'rootCause')];

/** The inputs an action asks for on this incident; none: it acts at once. */
export function inputsOf(
  type: IncidentActionType,
  incident: Pick<IncidentDetail, 'rootCause'>,
): ActionInput[] {
  if (type === 'close') return incident.rootCause ? [] : CLOSE_INPUTS;
  return ACTION_INPUTS[type] ?? [];
}

/** The action of the dialog's values: blank optional inputs left out. */
function actionOf(
  type: IncidentActionType,
  inputs: ActionInput[],
  values: Record<string, string>,
): IncidentAction {
  const fields: Record<string, unknown> = {};
  for (const input of inputs) {
    const raw = (values[input.name] ?? '').trim();
    if (!raw) continue;
    if (input.kind === 'level') fields[input.name] = Number(raw);
    else if (input.kind === 'list') fields[input.name] = listOf(raw);
    else fields[input.name] = raw;
  }
  return { type, ...fields } as IncidentAction;
}

const LABEL_KEYS = {
  method: 'incidents.actionForm.method',
  result: 'incidents.actionForm.result',
  rootCause: 'incidents.actionForm.rootCause',
  confirmedBy: 'incidents.actionForm.confirmedBy',
  grantedBy: 'incidents.actionForm.grantedBy',
  note: 'incidents.actionForm.note',
  text: 'incidents.actionForm.note',
  level: 'incidents.actionForm.level',
  reason: 'incidents.actionForm.reason',
  assignees: 'incidents.actionForm.engineers',
} as const;

/**
 * The dialog of one incident action that needs input (Resolve, Confirm, Re-grade, Pause,
 * Note, Reassign, Grant remote access, Reopen, Close without a root cause): labelled inputs
 * and Save. Sends the incident's version; a 409 goes to `onConflict`, other refusals are
 * shown next to the input they name.
 */
export function IncidentActionDialog(props: {
  incident: IncidentDetail;
  type: IncidentActionType;
  onClose: () => void;
  onActed: (incident: IncidentDetail) => void;
  onConflict: (message: string) => void;
}) {
  const { incident, type, onClose } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const inputs = inputsOf(type, incident);
  const [values, setValues] = useState<Record<string, string>>({});
  const form = useFormErrors(
    Object.fromEntries(inputs.map(i => [i.name, [i.name]])) as Record<
      string,
      readonly string[]
    >,
  );
  const { busy, submit: send } = useSubmit(error => {
    if (backendStatus(error) === 409) {
      onClose();
      props.onConflict(backendMessage(error));
    } else {
      form.fromBackend(error);
    }
  });
  const needsLevels = inputs.some(i => i.kind === 'level');
  const severity = useSeverityLevels(incident.systemRef, needsLevels);

  const submit = async () => {
    const problems: Record<string, string | undefined> = {};
    for (const input of inputs) {
      if (input.required && !(values[input.name] ?? '').trim()) {
        problems[input.name] = t('incidents.form.required');
      }
    }
    if (
      type === 'regrade' &&
      !problems.level &&
      Number(values.level) === incident.level
    ) {
      problems.level = t('incidents.actionForm.sameLevel');
    }
    if (!form.check(problems)) return;
    await send(
      () =>
        api.actOnIncident(
          incident.id,
          incident.version,
          actionOf(type, inputs, values),
        ),
      next => {
        props.onActed(next);
        onClose();
      },
    );
  };

  const field = (input: ActionInput) => {
    const common = {
      id: `incident-action-${input.name}`,
      label: t(LABEL_KEYS[input.name]),
      value: values[input.name] ?? '',
      onChange: (e: { target: { value: unknown } }) =>
        setValues(v => ({ ...v, [input.name]: String(e.target.value) })),
      fullWidth: true,
      margin: 'dense' as const,
      inputProps: input.required ? { 'aria-required': true } : undefined,
    };
    if (input.kind === 'rootCause') {
      return (
        <TextField key={input.name} {...common} select {...form.at(input.name)}>
          {!input.required && (
            <MenuItem value="">
              {t('incidents.actionForm.rootCauseNone')}
            </MenuItem>
          )}
          {ROOT_CAUSE_CATEGORIES.map(c => (
            <MenuItem key={c} value={c}>
              {t(`incidents.rootCauses.${c}`)}
            </MenuItem>
          ))}
        </TextField>
      );
    }
    if (input.kind === 'level') {
      return (
        <TextField key={input.name} {...common} select {...form.at(input.name)}>
          {severity.levels.map(l => (
            <MenuItem
              key={l.level}
              value={`${l.level}`}
              disabled={l.level === incident.level}
            >
              {levelText(l.level, l.name)}
            </MenuItem>
          ))}
        </TextField>
      );
    }
    return (
      <TextField
        key={input.name}
        {...common}
        multiline={input.kind === 'multiline'}
        minRows={input.kind === 'multiline' ? 2 : undefined}
        {...form.at(
          input.name,
          input.kind === 'list'
            ? t('incidents.actionForm.engineersHint')
            : undefined,
        )}
      />
    );
  };

  return (
    <FormDialog
      open
      title={t(`incidents.actions.${type}`)}
      submitLabel={t('incidents.form.save')}
      cancelLabel={t('incidents.form.cancel')}
      busy={busy}
      general={form.general}
      onClose={onClose}
      onSubmit={submit}
      testId="incident-action-dialog"
    >
      {inputs.map(field)}
    </FormDialog>
  );
}
