import { useEffect } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ObligationOccurrence } from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import { FormDialog } from '../../lib/forms';
import { useDialogForm } from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';
import { useObligationName } from './obligationText';

const INPUTS = { reason: ['reason'] } as const;

/**
 * Releases an obligation occurrence, saying why (required). Sends the occurrence's `version`;
 * the backend's refusal (409 on a stale version) is shown as it says.
 */
export function WaiveObligationDialog(props: {
  occurrence: ObligationOccurrence;
  open: boolean;
  onClose: () => void;
  onWaived: (updated: ObligationOccurrence) => void;
}) {
  const { occurrence, open, onClose, onWaived } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const nameOf = useObligationName();
  const form = useDialogForm({
    inputs: INPUTS,
    initial: () => ({ reason: '' }),
    idPrefix: `waive-obligation-${occurrence.id}`,
  });
  const { reset } = form;

  useEffect(() => {
    if (open) reset();
  }, [open, reset]);

  const submit = async () => {
    const reason = form.values.reason;
    const valid = form.check({
      reason: reason.trim() ? undefined : t('waiveObligation.reasonRequired'),
    });
    if (!valid) return;
    await form.send(async () =>
      onWaived(
        await api.waiveObligation(occurrence.id, {
          version: occurrence.version,
          reason: reason.trim(),
        }),
      ),
    );
  };

  return (
    <FormDialog
      open={open}
      title={t('waiveObligation.title', { kind: nameOf(occurrence) })}
      submitLabel={t('waiveObligation.submit')}
      cancelLabel={t('obligationActions.cancel')}
      {...form.dialog}
      onClose={onClose}
      onSubmit={submit}
      testId="waive-obligation-dialog"
    >
      {form.field('reason', {
        label: t('waiveObligation.reason'),
        required: true,
        multiline: true,
        minRows: 2,
        margin: 'normal',
        inputProps: { maxLength: 500 },
      })}
    </FormDialog>
  );
}
