import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ObligationOccurrence } from '@weibao/plugin-weibao-common';
import { weibaoApiRef } from '../../api';
import { backendMessage, fieldNamedBy } from '../../lib/forms';
import { weibaoTranslationRef } from '../../translation';
import { useObligationName } from './obligationText';

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
  const [reasonError, setReasonError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (!open) return;
    setReason('');
    setReasonError(undefined);
    setFailure(undefined);
  }, [open]);

  const submit = async () => {
    setFailure(undefined);
    if (!reason.trim()) {
      setReasonError(t('waiveObligation.reasonRequired'));
      return;
    }
    setReasonError(undefined);
    setSending(true);
    try {
      onWaived(
        await api.waiveObligation(occurrence.id, {
          version: occurrence.version,
          reason: reason.trim(),
        }),
      );
    } catch (e) {
      const message = backendMessage(e);
      if (fieldNamedBy(message) === 'reason') setReasonError(message);
      else setFailure(message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      data-testid="waive-obligation-dialog"
    >
      <DialogTitle>
        {t('waiveObligation.title', { kind: nameOf(occurrence) })}
      </DialogTitle>
      <DialogContent>
        <TextField
          id={`waive-obligation-${occurrence.id}-reason`}
          label={t('waiveObligation.reason')}
          value={reason}
          onChange={e => setReason(e.target.value)}
          error={!!reasonError}
          helperText={reasonError}
          required
          multiline
          minRows={2}
          fullWidth
          margin="normal"
          inputProps={{ maxLength: 500 }}
        />
        {failure && (
          <Typography role="alert" color="error" style={{ marginTop: 16 }}>
            {failure}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={sending}>
          {t('obligationActions.cancel')}
        </Button>
        <Button
          onClick={submit}
          color="primary"
          variant="contained"
          disabled={sending}
        >
          {t('waiveObligation.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
