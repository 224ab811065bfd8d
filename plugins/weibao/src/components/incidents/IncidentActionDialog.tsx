import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  IncidentAction,
  IncidentActionType,
  IncidentDetail,
  ROOT_CAUSE_CATEGORIES,
} from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import { backendMessage, backendStatus, FormDialog } from '../../lib/forms';
import { choiceItems, useDialogForm } from '../../lib/formFields';
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
  const form = useDialogForm<string>({
    inputs: Object.fromEntries(inputs.map(i => [i.name, [i.name]])),
    initial: () => ({}),
    idPrefix: 'incident-action',
    onFailure: (error, show) => {
      if (backendStatus(error) === 409) {
        onClose();
        props.onConflict(backendMessage(error));
      } else {
        show(error);
      }
    },
  });
  const { values } = form;
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
    await form.send(
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

  const choices = (input: ActionInput) =>
    input.kind === 'rootCause'
      ? [
          ...(input.required
            ? []
            : [{ value: '', label: t('incidents.actionForm.rootCauseNone') }]),
          ...ROOT_CAUSE_CATEGORIES.map(c => ({
            value: c,
            label: t(`incidents.rootCauses.${c}`),
          })),
        ]
      : severity.levels.map(l => ({
          value: `${l.level}`,
          label: levelText(l.level, l.name),
          disabled: l.level === incident.level,
        }));

  const field = (input: ActionInput) =>
    form.field(input.name, {
      label: t(LABEL_KEYS[input.name]),
      inputProps: input.required ? { 'aria-required': true } : undefined,
      ...(input.kind === 'rootCause' || input.kind === 'level'
        ? { select: true, children: choiceItems(choices(input)) }
        : {
            multiline: input.kind === 'multiline',
            minRows: input.kind === 'multiline' ? 2 : undefined,
            hint:
              input.kind === 'list'
                ? t('incidents.actionForm.engineersHint')
                : undefined,
          }),
    });

  return (
    <FormDialog
      open
      title={t(`incidents.actions.${type}`)}
      submitLabel={t('incidents.form.save')}
      cancelLabel={t('incidents.form.cancel')}
      {...form.dialog}
      onClose={onClose}
      onSubmit={submit}
      testId="incident-action-dialog"
    >
      {inputs.map(field)}
    </FormDialog>
  );
}
