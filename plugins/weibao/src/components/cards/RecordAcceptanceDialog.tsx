import { useState } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ContractPeriod } from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ContractAcceptance, weibaoApiRef } from '../../api';
import { FormDialog } from '../../lib/forms';
import { useDialogForm } from '../../lib/formFields';
import { useWeibaoFormat } from '../../lib/format';
import { weibaoTranslationRef } from '../../translation';

const INPUTS = { acceptedOn: ['acceptedOn'], note: ['note'] } as const;

/**
 * Records the final acceptance (终验) of a contract that runs from it: the day (a date input,
 * hospital time) and an optional note. The backend's refusal is shown next to the input it names
 * (a day in the future, outside the years served) or above the form (already recorded, 403).
 */
export function RecordAcceptanceDialog(props: {
  contractRef: string;
  contractTitle: string;
  onClose: () => void;
  onRecorded: (acceptance: ContractAcceptance) => void;
}) {
  const { contractRef, onClose, onRecorded } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const form = useDialogForm({
    inputs: INPUTS,
    initial: () => ({ acceptedOn: '', note: '' }),
    idPrefix: 'record-acceptance',
  });

  const submit = async () => {
    const { acceptedOn, note } = form.values;
    const valid = form.check({
      acceptedOn: acceptedOn
        ? undefined
        : t('contractCard.acceptance.acceptedOnRequired'),
    });
    if (!valid) return;
    await form.send(
      () =>
        api.recordContractAcceptance(contractRef, {
          acceptedOn,
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      onRecorded,
    );
  };

  return (
    <FormDialog
      open
      title={t('contractCard.acceptance.title', {
        contract: props.contractTitle,
      })}
      submitLabel={t('contractCard.acceptance.submit')}
      cancelLabel={t('contractCard.acceptance.cancel')}
      {...form.dialog}
      onClose={onClose}
      onSubmit={submit}
      testId="record-acceptance-dialog"
      maxWidth="xs"
    >
      {form.field('acceptedOn', {
        label: t('contractCard.acceptance.acceptedOn'),
        type: 'date',
        required: true,
        InputLabelProps: { shrink: true },
        hint: t('contractCard.acceptance.acceptedOnHint'),
      })}
      {form.field('note', {
        label: t('contractCard.acceptance.note'),
        multiline: true,
        minRows: 2,
        inputProps: { maxLength: 1000 },
        hint: t('contractCard.acceptance.noteHint'),
      })}
    </FormDialog>
  );
}

/**
 * The final acceptance of a contract on its card: a button while the contract runs from final
 * acceptance and has no start yet, opening the dialog; once recorded, says what was recorded and
 * asks the card to reload (`onRecorded`).
 */
export function FinalAcceptance(props: {
  contract: {
    entityRef: string;
    title: string;
    spec: { period: ContractPeriod };
    periodStart: string | null;
  };
  onRecorded: () => void;
}) {
  const { contract, onRecorded } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const [open, setOpen] = useState(false);
  const [recorded, setRecorded] = useState<ContractAcceptance>();
  const { period } = contract.spec;
  const awaiting =
    'from' in period &&
    period.from === 'final-acceptance' &&
    !period.start &&
    !contract.periodStart;

  if (recorded) {
    return (
      <Box mt={1} mb={1}>
        <Typography role="status" data-testid="contract-acceptance-recorded">
          {t('contractCard.acceptance.recorded', {
            day: format.date(recorded.acceptedOn),
            by: recorded.recordedBy,
          })}
        </Typography>
      </Box>
    );
  }
  if (!awaiting) return null;
  return (
    <Box mt={1} mb={1}>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        onClick={() => setOpen(true)}
      >
        {t('contractCard.acceptance.record')}
      </Button>
      {open && (
        <RecordAcceptanceDialog
          contractRef={contract.entityRef}
          contractTitle={contract.title}
          onClose={() => setOpen(false)}
          onRecorded={acceptance => {
            setOpen(false);
            setRecorded(acceptance);
            onRecorded();
          }}
        />
      )}
    </Box>
  );
}
