import { useEffect, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormHelperText from '@material-ui/core/FormHelperText';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EVIDENCE_FILE_MAX_BYTES,
  EVIDENCE_FILE_TYPES,
  type ObligationGroup,
  type ObligationOccurrence,
} from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import type {
  CompleteObligationsRequest,
  ObligationSelection,
} from '../../api';
import { HOSPITAL_TIME_ZONE } from '../../lib/format';
import {
  FormDialog,
  hospitalInstant,
  hospitalLocal,
  linesOf,
} from '../../lib/forms';
import { DATE_TIME_INPUT, useDialogForm } from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';
import { parseLinks } from './CompleteObligationDialog';

/** `files.0: …` and `request/body/people/1 …` belong to their top-level input. */
const INPUTS = {
  note: ['note'],
  links: ['links'],
  people: ['people'],
  doneAt: ['doneAt'],
  reason: ['reason'],
  file: ['files'],
} as const;

type Values = 'note' | 'links' | 'people' | 'doneAt' | 'reason';

/** What a bulk action acts on: whole duties (their overdue and due occurrences) or a selection. */
export type BulkTarget =
  | { groups: ObligationGroup[] }
  | { occurrences: ObligationOccurrence[] };

/** What a bulk action did, for its confirmation. */
export type BulkOutcome = {
  action: 'complete' | 'waive';
  count: number;
  name: string;
};

/** The states a whole duty's bulk action takes (the backend's default, said aloud). */
const GROUP_STATES = ['overdue', 'due'] as const;

/** How many occurrences a bulk action will record: a group's overdue and due ones. */
export function bulkCount(target: BulkTarget): number {
  if ('occurrences' in target) return target.occurrences.length;
  return target.groups.reduce(
    (n, g) => n + GROUP_STATES.reduce((m, s) => m + (g.counts[s] ?? 0), 0),
    0,
  );
}

/** The selection to send: the whole duties, or the chosen occurrences (one request). */
function selectionsOf(target: BulkTarget): ObligationSelection[] {
  if ('occurrences' in target) {
    return [
      {
        occurrences: target.occurrences.map(o => ({
          id: o.id,
          version: o.version,
        })),
      },
    ];
  }
  const duties = target.groups.map(g => ({
    contractRef: g.contractRef,
    obligationId: g.obligationId,
    systemRef: g.systemRef,
    followUp: g.followUp,
    states: [...GROUP_STATES],
  }));
  // several duties in one request: one transaction, all of them or none
  return [duties.length === 1 ? { group: duties[0] } : { groups: duties }];
}

/**
 * Completes or waives many occurrences in one action: every overdue and due occurrence of the
 * chosen duties, or the chosen occurrences. Says how many it will record; asks for when it was
 * done (default now), what was done, links, people and one evidence file (PDF, PNG or JPEG up to
 * 20 MB: uploaded first, then attached to every occurrence by its id), or for a waiver the
 * reason. One all-or-nothing request; the backend's refusal is shown as it says.
 */
export function BulkObligationDialog(props: {
  action: 'complete' | 'waive';
  target: BulkTarget;
  /** The duty's name ("Backup · Daily"), or "3 duties". */
  name: string;
  open: boolean;
  onClose: () => void;
  onDone: (outcome: BulkOutcome) => void;
}) {
  const { action, target, name, open, onClose, onDone } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const [file, setFile] = useState<File | undefined>();
  const [uploading, setUploading] = useState(false);
  /** The id of the file once uploaded, so that a retry does not upload it again. */
  const uploaded = useRef<{ file: File; id: string } | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);
  const form = useDialogForm<keyof typeof INPUTS, Values>({
    inputs: INPUTS,
    initial: () => ({
      note: '',
      links: '',
      people: '',
      doneAt: hospitalLocal(Date.now(), HOSPITAL_TIME_ZONE),
      reason: '',
    }),
    idPrefix: `bulk-${action}`,
  });
  const { reset } = form;
  const count = bulkCount(target);
  /** The selections already recorded, when a later one of several duties failed. */
  const recorded = useRef(new Map<string, number>());

  /** Why a chosen file cannot be attached, before it is uploaded: its type or size. */
  const fileProblem = (chosen: File) => {
    if (!(EVIDENCE_FILE_TYPES as readonly string[]).includes(chosen.type)) {
      return t('bulkObligation.fileType', { name: chosen.name });
    }
    if (chosen.size > EVIDENCE_FILE_MAX_BYTES) {
      return t('bulkObligation.fileSize', { name: chosen.name });
    }
    return undefined;
  };

  /**
   * Sends each selection once (one all-or-nothing request per duty); a retry after a failure
   * skips those already recorded. Resolves how many occurrences were recorded in all.
   */
  const sendEach = async (
    send: (selection: ObligationSelection) => Promise<{ count: number }>,
  ) => {
    for (const selection of selectionsOf(target)) {
      const key = JSON.stringify(selection);
      if (!recorded.current.has(key)) {
        recorded.current.set(key, (await send(selection)).count);
      }
    }
    return [...recorded.current.values()].reduce((n, c) => n + c, 0);
  };

  useEffect(() => {
    if (!open) return;
    reset();
    setFile(undefined);
    uploaded.current = undefined;
    recorded.current = new Map();
  }, [open, reset]);

  const chooseFile = (chosen: File | undefined) => {
    setFile(chosen);
    form.check({ file: chosen ? fileProblem(chosen) : undefined });
  };

  const evidenceIds = async (): Promise<string[]> => {
    if (!file) return [];
    if (uploaded.current?.file !== file) {
      setUploading(true);
      try {
        const stored = await api.uploadEvidenceFile(file);
        uploaded.current = { file, id: stored.id };
      } finally {
        setUploading(false);
      }
    }
    return [uploaded.current.id];
  };

  const submitComplete = async () => {
    const { note, doneAt, people } = form.values;
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
      file: file ? fileProblem(file) : undefined,
    });
    if (!valid) return;
    await form.send(async () => {
      const files = await evidenceIds();
      const evidence: Omit<
        CompleteObligationsRequest,
        'occurrences' | 'group'
      > = {
        note: note.trim(),
        doneAt: doneAtInstant,
        ...(links.length ? { links } : {}),
        ...(linesOf(people).length ? { people: linesOf(people) } : {}),
        ...(files.length ? { files } : {}),
      };
      const done = await sendEach(selection =>
        api.completeObligations({ ...selection, ...evidence }),
      );
      onDone({ action, count: done, name });
    });
  };

  const submitWaive = async () => {
    const reason = form.values.reason.trim();
    const valid = form.check({
      reason: reason ? undefined : t('waiveObligation.reasonRequired'),
    });
    if (!valid) return;
    await form.send(async () => {
      const done = await sendEach(selection =>
        api.waiveObligations({ ...selection, reason }),
      );
      onDone({ action, count: done, name });
    });
  };

  const complete = action === 'complete';
  return (
    <FormDialog
      open={open}
      title={t(
        complete ? 'bulkObligation.completeTitle' : 'bulkObligation.waiveTitle',
        { name },
      )}
      submitLabel={t(
        complete ? 'completeObligation.submit' : 'waiveObligation.submit',
      )}
      cancelLabel={t('obligationActions.cancel')}
      {...form.dialog}
      busy={form.busy || uploading}
      submitDisabled={count === 0}
      onClose={onClose}
      onSubmit={complete ? submitComplete : submitWaive}
      testId={`bulk-${action}-dialog`}
    >
      <Typography data-testid="bulk-count">
        {t(
          complete ? 'bulkObligation.willComplete' : 'bulkObligation.willWaive',
          { count },
        )}
      </Typography>
      {'groups' in target && (
        <Typography variant="body2" color="textSecondary">
          {t('bulkObligation.groupStates')}
        </Typography>
      )}
      {complete ? (
        <>
          {form.field('note', {
            label: t('completeObligation.note'),
            required: true,
            multiline: true,
            minRows: 2,
            margin: 'normal',
            inputProps: { maxLength: 4000 },
          })}
          {form.field('doneAt', {
            label: t('completeObligation.doneAt'),
            ...DATE_TIME_INPUT,
            required: true,
            margin: 'normal',
          })}
          {form.field('links', {
            label: t('completeObligation.links'),
            hint: t('completeObligation.linksHelp'),
            multiline: true,
            minRows: 2,
            margin: 'normal',
          })}
          {form.field('people', {
            label: t('bulkObligation.people'),
            hint: t('bulkObligation.peopleHelp'),
            multiline: true,
            minRows: 1,
            margin: 'normal',
          })}
          <Box mt={2}>
            <Typography
              variant="subtitle2"
              component="label"
              htmlFor="bulk-complete-file"
            >
              {t('bulkObligation.file')}
            </Typography>
            <input
              ref={fileInput}
              id="bulk-complete-file"
              data-testid="bulk-complete-file"
              type="file"
              accept={EVIDENCE_FILE_TYPES.join(',')}
              style={{ display: 'none' }}
              onChange={e => chooseFile(e.target.files?.[0])}
            />
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <Button
                size="small"
                variant="outlined"
                onClick={() => fileInput.current?.click()}
              >
                {t('bulkObligation.chooseFile')}
              </Button>
              {file && (
                <>
                  <Typography variant="body2" data-testid="bulk-file-name">
                    {file.name}
                  </Typography>
                  <Button
                    size="small"
                    onClick={() => {
                      chooseFile(undefined);
                      if (fileInput.current) fileInput.current.value = '';
                    }}
                  >
                    {t('bulkObligation.removeFile')}
                  </Button>
                </>
              )}
            </Box>
            <FormHelperText error={Boolean(form.errors.file)}>
              {form.errors.file ??
                (uploading && file
                  ? t('bulkObligation.uploading', { name: file.name })
                  : t('bulkObligation.fileHelp'))}
            </FormHelperText>
          </Box>
        </>
      ) : (
        form.field('reason', {
          label: t('waiveObligation.reason'),
          required: true,
          multiline: true,
          minRows: 2,
          margin: 'normal',
          inputProps: { maxLength: 500 },
        })
      )}
    </FormDialog>
  );
}

/**
 * What a bulk action did, said once it is done ("27 occurrences of Backup · Daily recorded as
 * done"), until dismissed or the next action.
 */
export function BulkConfirmation(props: {
  outcome?: BulkOutcome;
  onDismiss: () => void;
}) {
  const { outcome, onDismiss } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  if (!outcome) return null;
  return (
    <Box
      role="status"
      data-testid="duties-confirmation"
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      mb={1}
      px={1}
      style={{ borderLeft: '4px solid #2e7d32' }}
    >
      <Typography variant="body2">
        {t(
          outcome.action === 'complete'
            ? 'bulkObligation.completed'
            : 'bulkObligation.waived',
          { count: outcome.count, name: outcome.name },
        )}
      </Typography>
      <IconButton
        size="small"
        aria-label={t('bulkObligation.dismiss')}
        onClick={onDismiss}
      >
        <CloseIcon fontSize="small" />
      </IconButton>
    </Box>
  );
}
