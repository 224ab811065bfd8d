import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Incident } from '@weibao/plugin-weibao-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useWeibaoFormat } from '../../lib/format';
import { weibaoTranslationRef } from '../../translation';
import { levelText } from './incidentRisk';

/** Someone who acted: a catalog user or group as a link, anything else (a plugin) as text. */
export function ActorName(props: { actor: string }) {
  return /^(user|group):/i.test(props.actor) ? (
    <EntityRefLink entityRef={props.actor} />
  ) : (
    <>{props.actor}</>
  );
}

/** One labelled value of the summary. */
function Field(props: {
  label: string;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  return (
    <Grid item xs={12} sm={props.wide ? 12 : 6} md={props.wide ? 12 : 4}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography
        variant="body2"
        component="div"
        data-testid={props.testId}
        style={{ whiteSpace: 'pre-wrap' }}
      >
        {props.children}
      </Typography>
    </Grid>
  );
}

/**
 * What the incident record (故障登记) holds: system and hospital, level, status, reporter,
 * symptoms and scope of impact, assignees, root cause, resolution, the hospital's
 * confirmation, remote access and the current pause.
 */
export function IncidentSummary(props: { incident: Incident }) {
  const { incident } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const none = t('incidents.page.none');
  const list = (items: string[]) => (items.length ? items.join(', ') : none);
  const { impact } = incident;
  return (
    <InfoCard title={t('incidents.page.summary')}>
      <Grid container spacing={2}>
        <Field label={t('incidents.page.system')}>
          <EntityRefLink entityRef={incident.systemRef} />
        </Field>
        <Field label={t('incidents.page.hospital')}>
          <EntityRefLink entityRef={incident.hospitalRef} />
        </Field>
        <Field label={t('incidents.page.contract')}>
          {incident.contractRef ? (
            <EntityRefLink entityRef={incident.contractRef} />
          ) : (
            none
          )}
        </Field>
        <Field label={t('incidents.page.level')} testId="incident-level">
          {levelText(incident.level, incident.levelName)}
        </Field>
        <Field label={t('incidents.page.status')} testId="incident-status">
          {t(`incidents.status.${incident.status}`)}
        </Field>
        <Field label={t('incidents.page.reporter')}>
          {`${incident.reporter.name} (${incident.reporter.contact})`}
        </Field>
        <Field label={t('incidents.page.channel')}>
          {t(`incidents.channels.${incident.channel}`)}
        </Field>
        <Field label={t('incidents.page.type')}>
          {t(`incidents.types.${incident.type}`)}
        </Field>
        <Field label={t('incidents.page.urgency')}>
          {t(`incidents.urgencies.${incident.urgency}`)}
        </Field>
        <Field label={t('incidents.page.occurredAt')}>
          {format.instant(incident.occurredAt)}
        </Field>
        <Field label={t('incidents.page.reportedAt')}>
          {format.instant(incident.reportedAt)}
        </Field>
        <Field label={t('incidents.page.module')}>
          {incident.module ?? none}
        </Field>
        <Field label={t('incidents.page.symptoms')} wide>
          {incident.symptoms}
        </Field>
        <Field label={t('incidents.page.impact')} wide>
          {t('incidents.page.impactText', {
            modules: list(impact.modules),
            processes: list(impact.processes),
            userGroups: list(impact.userGroups),
          })}
        </Field>
        <Field
          label={t('incidents.page.assignees')}
          testId="incident-assignees"
        >
          {incident.assignees.length
            ? incident.assignees.map((ref, i) => (
                <span key={ref}>
                  {i > 0 && ', '}
                  <ActorName actor={ref} />
                </span>
              ))
            : none}
        </Field>
        <Field label={t('incidents.page.rootCause')}>
          {incident.rootCause
            ? t(`incidents.rootCauses.${incident.rootCause}`)
            : none}
        </Field>
        <Field label={t('incidents.page.remotePermission')}>
          {incident.remotePermission
            ? t('incidents.page.remotePermissionText', {
                by: incident.remotePermission.grantedBy,
                at: format.instant(incident.remotePermission.at),
              })
            : none}
        </Field>
        <Field label={t('incidents.page.resolution')} wide>
          {incident.resolution
            ? t('incidents.page.resolutionText', incident.resolution)
            : none}
        </Field>
        <Field label={t('incidents.page.confirmation')}>
          {incident.confirmation
            ? [
                t('incidents.page.confirmationText', {
                  by: incident.confirmation.confirmedBy,
                  at: format.instant(incident.confirmation.at),
                }),
                incident.confirmation.note,
              ]
                .filter(Boolean)
                .join(' — ')
            : none}
        </Field>
        <Field label={t('incidents.page.pause')} testId="incident-pause">
          {incident.paused
            ? t('incidents.page.pausedText', {
                from: format.instant(incident.paused.from),
                reason: incident.paused.reason,
              })
            : t('incidents.page.notPaused')}
        </Field>
      </Grid>
    </InfoCard>
  );
}
