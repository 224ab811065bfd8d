import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ObligationOccurrence } from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import { FormDialog, useFormErrors, useSubmit } from '../../lib/forms';
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
  const [reason, setReason] = useState('');
  const errors = useFormErrors(INPUTS);
  const { busy, submit: send } = useSubmit(errors.fromBackend);
  const { clear } = errors;

  useEffect(() => {
    if (!open) return;
    setReason('');
    clear();
  }, [open, clear]);

  const submit = async () => {
    const valid = errors.check({
      reason: reason.trim() ? undefined : t('waiveObligation.reasonRequired'),
    });
    if (!valid) return;
    await send(async () =>
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
      busy={busy}
      general={errors.general}
      onClose={onClose}
      onSubmit={submit}
      testId="waive-obligation-dialog"
    >
      <TextField
        id={`waive-obligation-${occurrence.id}-reason`}
        label={t('waiveObligation.reason')}
        value={reason}
        onChange={e => setReason(e.target.value)}
        required
        multiline
        minRows={2}
        fullWidth
        margin="normal"
        inputProps={{ maxLength: 500 }}
        {...errors.at('reason')}
      />
    </FormDialog>
  );
}
