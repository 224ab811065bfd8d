import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  Duration,
  IncidentClockAlert,
  IncidentClockView,
  IncidentDetail,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { ClockStateChip, clockStateOf } from '../../lib/ClockStateChip';
import { useWeibaoFormat } from '../../lib/format';
import { weibaoTranslationRef } from '../../translation';
import { durationKey } from './incidentRisk';

function Line(props: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Typography variant="body2" data-testid={props.testId}>
      <Typography component="span" variant="body2" color="textSecondary">
        {props.label}:{' '}
      </Typography>
      {props.children}
    </Typography>
  );
}

function ClockPanel(props: {
  clock: IncidentClockView;
  alerts: IncidentClockAlert[];
}) {
  const { clock, alerts } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const target = (d: Duration) => t(durationKey(d), { amount: `${d.amount}` });
  const running = clock.metAt === null && clock.status !== 'retired';
  return (
    <Paper variant="outlined" data-testid={`clock-${clock.milestone}`}>
      <Box p={2}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
          <Typography variant="h6">
            {t(`milestones.${clock.milestone}`)}
          </Typography>
          <ClockStateChip state={clockStateOf(clock)} />
        </Box>
        <Line label={t('incidents.clocks.target')}>
          {t('incidents.clocks.targetText', {
            target: target(clock.target),
            calendar: clock.calendar,
          })}
        </Line>
        <Line label={t('incidents.clocks.due')} testId="clock-due">
          {clock.dueAt
            ? format.instant(clock.dueAt)
            : t('incidents.clocks.duePaused')}
        </Line>
        {running &&
          (clock.remainingMs >= 0 ? (
            <Line label={t('incidents.clocks.remaining')}>
              {format.duration(clock.remainingMs)}
            </Line>
          ) : (
            <Line label={t('incidents.clocks.overdue')}>
              {format.duration(-clock.remainingMs)}
            </Line>
          ))}
        <Line label={t('incidents.clocks.elapsed')}>
          {format.duration(clock.elapsedMs)}
        </Line>
        <Line label={t('incidents.clocks.percent')} testId="clock-percent">
          {format.percent(clock.percentElapsed)}
        </Line>
        {clock.breachedAt && (
          <Line label={t('incidents.clocks.breachedAt')}>
            {format.instant(clock.breachedAt)}
          </Line>
        )}
        {clock.metAt && (
          <Line label={t('incidents.clocks.metAt')}>
            {format.instant(clock.metAt)}
          </Line>
        )}
        <Line label={t('incidents.clocks.targets')}>
          {clock.targets
            .map(h =>
              t('incidents.clocks.targetFrom', {
                at: format.instant(h.at),
                target: target(h.target),
                calendar: h.calendar,
              }),
            )
            .join('; ')}
        </Line>
        {clock.pauses.length > 0 && (
          <Line label={t('incidents.clocks.pauses')}>
            {clock.pauses
              .map(p =>
                p.to
                  ? t('incidents.clocks.pauseClosed', {
                      from: format.instant(p.from),
                      to: format.instant(p.to),
                      reason: p.reason,
                    })
                  : t('incidents.clocks.pauseOpen', {
                      from: format.instant(p.from),
                      reason: p.reason,
                    }),
              )
              .join('; ')}
          </Line>
        )}
        {alerts.length > 0 && (
          <Line label={t('incidents.clocks.alerts')}>
            {alerts
              .map(a =>
                a.kind === 'breach'
                  ? t('incidents.clocks.alertBreach', {
                      at: format.instant(a.notifiedAt),
                    })
                  : t('incidents.clocks.alertThreshold', {
                      percent: `${a.percent}`,
                      at: format.instant(a.notifiedAt),
                    }),
              )
              .join('; ')}
          </Line>
        )}
        {clock.warnings.length > 0 && (
          <Line label={t('incidents.clocks.warnings')}>
            {clock.warnings.join('; ')}
          </Line>
        )}
      </Box>
    </Paper>
  );
}

/**
 * The incident's contract clocks (response, dispatch, arrival, resolution…): state, target,
 * due time, remaining or overdue, elapsed, share of the target used, breach and met times,
 * every target a re-grade set, pauses and the sweep's alerts. Says why when there are none.
 */
export function IncidentClocks(props: { incident: IncidentDetail }) {
  const { incident } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  // why there are none: the translated code first, else the backend's reason
  let noClocks: string = t('incidents.clocks.noneUnknown');
  if (incident.noClocksReason) {
    noClocks = t('incidents.clocks.none', { reason: incident.noClocksReason });
  }
  if (incident.noClocksCode) {
    noClocks = t(`incidents.clocks.noneCodes.${incident.noClocksCode}`);
  }
  return (
    <InfoCard title={t('incidents.clocks.title')}>
      {incident.clocks.length === 0 ? (
        <Typography data-testid="incident-no-clocks">{noClocks}</Typography>
      ) : (
        <Grid container spacing={2}>
          {incident.clocks.map(clock => (
            <Grid item xs={12} md={6} lg={4} key={clock.milestone}>
              <ClockPanel
                clock={clock}
                alerts={(incident.alerts ?? []).filter(
                  a => a.milestone === clock.milestone,
                )}
              />
            </Grid>
          ))}
        </Grid>
      )}
    </InfoCard>
  );
}
