import { useState } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import {
  CERTIFICATE_RETIRE_REASONS,
  type CertificateBatch,
  type CertificateRetireReason,
} from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import { FormDialog, useFormErrors, useSubmit } from '../../lib/forms';
import { weibaoTranslationRef } from '../../translation';

const INPUTS = { reason: ['reason'], note: ['note'] } as const;

/**
 * Retires one certificate batch (renewed 续期, revoked 吊销, lost 遗失), based on the version
 * shown; a stale version's 409 is shown above the form.
 */
export function RetireBatchDialog(props: {
  batch: CertificateBatch;
  onClose: () => void;
  onRetired: (batch: CertificateBatch) => void;
}) {
  const { batch } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const [reason, setReason] = useState<CertificateRetireReason>('renewed');
  const [note, setNote] = useState('');
  const errors = useFormErrors(INPUTS);
  const { busy, submit: send } = useSubmit(errors.fromBackend);

  const submit = async () => {
    errors.clear();
    await send(
      () =>
        api.retireCertificateBatch(batch.id, {
          version: batch.version,
          reason,
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      props.onRetired,
    );
  };

  return (
    <FormDialog
      open
      title={t('certificates.retireForm.title', {
        holder: batch.holderDepartment,
      })}
      submitLabel={t('certificates.retireForm.submit')}
      cancelLabel={t('certificates.importForm.cancel')}
      busy={busy}
      general={errors.general}
      onClose={props.onClose}
      onSubmit={submit}
      testId="retire-batch-dialog"
      maxWidth="xs"
    >
      <TextField
        id="retire-batch-reason"
        label={t('certificates.retireForm.reason')}
        value={reason}
        onChange={e => setReason(e.target.value as CertificateRetireReason)}
        select
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        fullWidth
        margin="dense"
        {...errors.at('reason')}
      >
        {CERTIFICATE_RETIRE_REASONS.map(r => (
          <option key={r} value={r}>
            {t(`certificates.retireReasons.${r}`)}
          </option>
        ))}
      </TextField>
      <TextField
        id="retire-batch-note"
        label={t('certificates.retireForm.note')}
        value={note}
        onChange={e => setNote(e.target.value)}
        multiline
        minRows={2}
        fullWidth
        margin="dense"
        {...errors.at('note')}
      />
    </FormDialog>
  );
}
