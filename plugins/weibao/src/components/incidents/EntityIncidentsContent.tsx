import { useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { weibaoTranslationRef } from '../../translation';
import { IncidentsTable } from './IncidentsTable';
import { ReportIncidentDialog } from './ReportIncidentDialog';

/**
 * The Incidents tab of a hospital system (a Component): a button to report an incident on it
 * and the table of its incidents, reloaded after each report.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const { t } = useTranslationRef(weibaoTranslationRef);
  const systemRef = stringifyEntityRef(entity);
  const [reporting, setReporting] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <Box>
      <Box display="flex" justifyContent="flex-end" mb={2}>
        <Button
          variant="contained"
          color="primary"
          onClick={() => setReporting(true)}
        >
          {t('incidents.report.button')}
        </Button>
      </Box>
      <IncidentsTable systemRef={systemRef} refreshKey={refreshKey} />
      <ReportIncidentDialog
        open={reporting}
        systemRef={systemRef}
        onClose={() => setReporting(false)}
        onReported={() => setRefreshKey(k => k + 1)}
      />
    </Box>
  );
}
