import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ObligationOccurrence } from '@weibao/plugin-weibao-common';
import { weibaoTranslationRef } from '../../translation';
import { CompleteObligationDialog } from './CompleteObligationDialog';
import { WaiveObligationDialog } from './WaiveObligationDialog';
import { isOpen } from './obligationText';

/**
 * The Complete and Waive buttons of an open occurrence, with their dialogs; `onChanged` gets the
 * occurrence as the backend returned it. Nothing for an occurrence already done, waived or retired.
 */
export function ObligationActions(props: {
  occurrence: ObligationOccurrence;
  onChanged: (updated: ObligationOccurrence) => void;
}) {
  const { occurrence, onChanged } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const [dialog, setDialog] = useState<'complete' | 'waive' | null>(null);
  if (!isOpen(occurrence)) return null;
  const changed = (updated: ObligationOccurrence) => {
    setDialog(null);
    onChanged(updated);
  };
  return (
    <Box display="flex" style={{ gap: 8 }}>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        onClick={() => setDialog('complete')}
      >
        {t('obligationActions.complete')}
      </Button>
      <Button size="small" onClick={() => setDialog('waive')}>
        {t('obligationActions.waive')}
      </Button>
      <CompleteObligationDialog
        occurrence={occurrence}
        open={dialog === 'complete'}
        onClose={() => setDialog(null)}
        onCompleted={changed}
      />
      <WaiveObligationDialog
        occurrence={occurrence}
        open={dialog === 'waive'}
        onClose={() => setDialog(null)}
        onWaived={changed}
      />
    </Box>
  );
}
