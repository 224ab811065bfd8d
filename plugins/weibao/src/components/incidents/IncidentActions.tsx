import { useState } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  INCIDENT_ACTION_TYPES,
  IncidentAction,
  IncidentActionType,
  IncidentDetail,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { weibaoApiRef } from '../../api';
import { backendMessage, backendStatus } from '../../lib/forms';
import { weibaoTranslationRef } from '../../translation';
import { IncidentActionDialog, inputsOf } from './IncidentActionDialog';

/**
 * The actions the incident's status allows (the backend's `allowedActions`, from the
 * lifecycle rules in weibao-common), as buttons. Those needing input open a dialog; the others
 * act at once. Every action sends the incident's version; a 409 goes to `onConflict`.
 */
export function IncidentActions(props: {
  incident: IncidentDetail;
  onActed: (incident: IncidentDetail) => void;
  onConflict: (message: string) => void;
}) {
  const { incident } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const [open, setOpen] = useState<IncidentActionType>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const allowed = INCIDENT_ACTION_TYPES.filter(type =>
    incident.allowedActions.includes(type),
  );

  const actAtOnce = async (type: IncidentActionType) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await api.actOnIncident(incident.id, incident.version, {
        type,
      } as IncidentAction);
      props.onActed(next);
    } catch (e) {
      if (backendStatus(e) === 409) props.onConflict(backendMessage(e));
      else setError(backendMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box mb={2}>
      {allowed.length === 0 ? (
        <Typography color="textSecondary">
          {t('incidents.page.noActions')}
        </Typography>
      ) : (
        <Box
          display="flex"
          flexWrap="wrap"
          style={{ gap: 8 }}
          role="group"
          aria-label={t('incidents.page.actions')}
          data-testid="incident-actions"
        >
          {allowed.map(type => (
            <Button
              key={type}
              variant="outlined"
              color="primary"
              disabled={busy}
              onClick={() => {
                setError(undefined);
                if (inputsOf(type, incident).length) setOpen(type);
                else actAtOnce(type);
              }}
            >
              {t(`incidents.actions.${type}`)}
            </Button>
          ))}
        </Box>
      )}
      {error && (
        <Typography
          role="alert"
          color="error"
          data-testid="incident-action-error"
        >
          {error}
        </Typography>
      )}
      {open && (
        <IncidentActionDialog
          incident={incident}
          type={open}
          onClose={() => setOpen(undefined)}
          onActed={props.onActed}
          onConflict={props.onConflict}
        />
      )}
    </Box>
  );
}
