import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useRouteRefParams } from '@backstage/core-plugin-api';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { IncidentDetail } from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import { incidentRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';
import { IncidentActions } from './IncidentActions';
import { IncidentClocks } from './IncidentClocks';
import { IncidentSummary } from './IncidentSummary';
import { IncidentTimeline } from './IncidentTimeline';

/**
 * One incident at `/weibao/incidents/:id`: its record, its contract clocks, its timeline and
 * the actions its status allows. One backend call (getIncident); each action answers with
 * the incident as it now is, and a refused one (409) reloads it.
 *
 * @public
 */
export function IncidentPage() {
  const { id } = useRouteRefParams(incidentRouteRef);
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const { value, error, retry } = useAsyncRetry(
    () => api.getIncident(id),
    [api, id],
  );
  /** The incident as the last action returned it, until the next load. */
  const [acted, setActed] = useState<IncidentDetail>();
  const [notice, setNotice] = useState<string>();

  const loaded = value?.id === id ? value : undefined;
  const incident = acted?.id === id ? acted : loaded;
  if (!incident) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }

  const onActed = (next: IncidentDetail) => {
    setNotice(undefined);
    setActed(next);
  };
  const onConflict = (message: string) => {
    setNotice(t('incidents.page.conflict', { message }));
    setActed(undefined);
    retry();
  };

  return (
    <Box data-testid="incident-page">
      <Typography variant="h4" component="h1" gutterBottom>
        {incident.title}
      </Typography>
      {notice && (
        <Typography
          role="alert"
          color="error"
          gutterBottom
          data-testid="incident-conflict"
        >
          {notice}
        </Typography>
      )}
      {error && <ResponseErrorPanel error={error} />}
      <IncidentActions
        incident={incident}
        onActed={onActed}
        onConflict={onConflict}
      />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <IncidentSummary incident={incident} />
        </Grid>
        <Grid item xs={12}>
          <IncidentClocks incident={incident} />
        </Grid>
        <Grid item xs={12}>
          <IncidentTimeline timeline={incident.timeline} />
        </Grid>
      </Grid>
    </Box>
  );
}
