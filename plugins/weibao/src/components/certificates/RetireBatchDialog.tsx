import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  CERTIFICATE_RETIRE_REASONS,
  type CertificateBatch,
  type CertificateRetireReason,
} from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import { FormDialog } from '../../lib/forms';
import { choiceItems, useDialogForm } from '../../lib/formFields';
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
  const form = useDialogForm({
    inputs: INPUTS,
    initial: () => ({ reason: 'renewed', note: '' }),
    idPrefix: 'retire-batch',
  });

  const submit = async () => {
    const note = form.values.note;
    form.clear();
    await form.send(
      () =>
        api.retireCertificateBatch(batch.id, {
          version: batch.version,
          reason: form.values.reason as CertificateRetireReason,
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
      {...form.dialog}
      onClose={props.onClose}
      onSubmit={submit}
      testId="retire-batch-dialog"
      maxWidth="xs"
    >
      {form.field('reason', {
        label: t('certificates.retireForm.reason'),
        select: true,
        SelectProps: { native: true },
        InputLabelProps: { shrink: true },
        children: choiceItems(
          CERTIFICATE_RETIRE_REASONS.map(r => ({
            value: r,
            label: t(`certificates.retireReasons.${r}`),
          })),
          true,
        ),
      })}
      {form.field('note', {
        label: t('certificates.retireForm.note'),
        multiline: true,
        minRows: 2,
      })}
    </FormDialog>
  );
}
