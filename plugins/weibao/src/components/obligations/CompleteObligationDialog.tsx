import { useEffect, useState } from 'react';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ObligationOccurrence } from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import type { CompleteObligationRequest } from '../../api';
import { HOSPITAL_TIME_ZONE } from '../../lib/format';
import { FormDialog, hospitalInstant, hospitalLocal } from '../../lib/forms';
import { DATE_TIME_INPUT, useDialogForm } from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';
import { useObligationName } from './obligationText';

/** `scores.attitude: …` and `request/body/links/0/url …` belong to their top-level input. */
const INPUTS = {
  note: ['note'],
  links: ['links'],
  doneAt: ['doneAt'],
  scores: ['scores'],
} as const;

/** The categories of a satisfaction survey (满意度调查), each scored 5..0. */
export const SURVEY_CATEGORIES = [
  'attitude',
  'response',
  'skill',
  'resolution',
  'overall',
] as const;

type Links = NonNullable<CompleteObligationRequest['links']>;

/** Lines "URL" or "title | URL"; the number of the first bad line, if any. */
export function parseLinks(text: string): { links: Links; badLine?: number } {
  const links: Links = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const cut = line.lastIndexOf('|');
    const title = cut >= 0 ? line.slice(0, cut).trim() : '';
    const url = (cut >= 0 ? line.slice(cut + 1) : line).trim();
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) return { links, badLine: i + 1 };
    links.push(title ? { title, url } : { url });
  }
  return { links };
}

/**
 * Records an obligation occurrence as done: what was done (required), links to its reports,
 * when (hospital time), and for a satisfaction survey the scores 5..0 by category. Sends the
 * occurrence's `version`; the backend's refusal (409 on a stale version) is shown as it says.
 */
export function CompleteObligationDialog(props: {
  occurrence: ObligationOccurrence;
  open: boolean;
  onClose: () => void;
  onCompleted: (updated: ObligationOccurrence) => void;
}) {
  const { occurrence, open, onClose, onCompleted } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const nameOf = useObligationName();
  const survey = occurrence.followUpKind === 'survey';
  const idPrefix = `complete-obligation-${occurrence.id}`;
  const [scores, setScores] = useState<Record<string, string>>({});
  const form = useDialogForm<keyof typeof INPUTS, 'note' | 'links' | 'doneAt'>({
    inputs: INPUTS,
    initial: () => ({
      note: '',
      links: '',
      doneAt: hospitalLocal(Date.now(), HOSPITAL_TIME_ZONE),
    }),
    idPrefix,
  });
  const { reset } = form;

  useEffect(() => {
    if (!open) return;
    reset();
    setScores({});
  }, [open, reset]);

  const submit = async () => {
    const { note, doneAt } = form.values;
    const { links, badLine } = parseLinks(form.values.links);
    const doneAtInstant = hospitalInstant(doneAt, HOSPITAL_TIME_ZONE);
    const valid = form.check({
      note: note.trim() ? undefined : t('completeObligation.noteRequired'),
      links: badLine
        ? t('completeObligation.linkInvalid', { line: `${badLine}` })
        : undefined,
      doneAt: doneAtInstant
        ? undefined
        : t('completeObligation.doneAtRequired'),
      scores:
        survey && SURVEY_CATEGORIES.some(c => !scores[c])
          ? t('completeObligation.scoreRequired')
          : undefined,
    });
    if (!valid) return;
    const request: CompleteObligationRequest = {
      version: occurrence.version,
      note: note.trim(),
      doneAt: doneAtInstant,
      ...(links.length ? { links } : {}),
      ...(survey
        ? {
            scores: Object.fromEntries(
              SURVEY_CATEGORIES.map(c => [c, Number(scores[c])]),
            ),
          }
        : {}),
    };
    await form.send(async () =>
      onCompleted(await api.completeObligation(occurrence.id, request)),
    );
  };

  return (
    <FormDialog
      open={open}
      title={t('completeObligation.title', { kind: nameOf(occurrence) })}
      submitLabel={t('completeObligation.submit')}
      cancelLabel={t('obligationActions.cancel')}
      {...form.dialog}
      onClose={onClose}
      onSubmit={submit}
      testId="complete-obligation-dialog"
    >
      {form.field('note', {
        label: t('completeObligation.note'),
        required: true,
        multiline: true,
        minRows: 3,
        margin: 'normal',
        inputProps: { maxLength: 4000 },
      })}
      {form.field('links', {
        label: t('completeObligation.links'),
        hint: t('completeObligation.linksHelp'),
        multiline: true,
        minRows: 2,
        margin: 'normal',
      })}
      {form.field('doneAt', {
        label: t('completeObligation.doneAt'),
        ...DATE_TIME_INPUT,
        required: true,
        margin: 'normal',
      })}
      {survey && (
        <>
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            {t('completeObligation.scores')}
          </Typography>
          {SURVEY_CATEGORIES.map(category => (
            <TextField
              key={category}
              id={`${idPrefix}-score-${category}`}
              select
              SelectProps={{ native: true }}
              label={t(`completeObligation.scoreCategories.${category}`)}
              value={scores[category] ?? ''}
              onChange={e =>
                setScores(s => ({ ...s, [category]: e.target.value }))
              }
              error={!!form.errors.scores && !scores[category]}
              margin="dense"
              style={{ marginRight: 16, minWidth: 140 }}
              InputLabelProps={{ shrink: true }}
            >
              <option value="" />
              {[5, 4, 3, 2, 1, 0].map(score => (
                <option key={score} value={`${score}`}>
                  {score}
                </option>
              ))}
            </TextField>
          ))}
          {form.errors.scores && (
            <FormHelperText error>{form.errors.scores}</FormHelperText>
          )}
        </>
      )}
    </FormDialog>
  );
}
