import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  UPGRADE_GATES,
  UPGRADE_STATUSES,
  type ClockMilestone,
  type SystemHealth,
  type SystemHealthDuty,
  type UpgradeGate,
  type UpgradeStatus,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ClockStateChip, clockStateOf } from '../../lib/ClockStateChip';
import { useWeibaoFormat } from '../../lib/format';
import { incidentRouteRef, obligationRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';
import { useObligationName } from '../obligations/obligationText';

/** A section of the health card: a heading and its content. */
export function Section(props: {
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Box mt={2} data-testid={props.testId}>
      <Typography variant="subtitle1">{props.title}</Typography>
      {props.children}
    </Box>
  );
}

/** Running clocks, soonest due first: incident, level, milestone, due, remaining, state. */
export function RunningClocks(props: {
  health: SystemHealth;
  levelName: (level: number) => string;
}) {
  const { health, levelName } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const incidentLink = useRouteRef(incidentRouteRef);
  const now = Date.parse(health.evaluatedAt);
  const milestone = (m: ClockMilestone) => t(`milestones.${m}`);
  if (!health.runningClocks.length) {
    return <Typography>{t('systemHealthCard.noRunningClocks')}</Typography>;
  }
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {(
            [
              'incident',
              'level',
              'milestone',
              'due',
              'remaining',
              'state',
            ] as const
          ).map(column => (
            <TableCell key={column}>
              {t(`systemHealthCard.columns.${column}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {health.runningClocks.map(clock => {
          const left =
            clock.dueAt === null ? null : Date.parse(clock.dueAt) - now;
          let remaining: string = t('systemHealthCard.noDueTime');
          if (left !== null) {
            remaining =
              left < 0
                ? t('systemHealthCard.overdueBy', {
                    duration: format.duration(left),
                  })
                : t('systemHealthCard.remainingIn', {
                    duration: format.duration(left),
                  });
          }
          return (
            <TableRow
              key={`${clock.incidentId}/${clock.milestone}`}
              data-testid="health-running-clock"
            >
              <TableCell>
                <Link to={incidentLink({ id: clock.incidentId })}>
                  {clock.title}
                </Link>
              </TableCell>
              <TableCell>{levelName(clock.level)}</TableCell>
              <TableCell>{milestone(clock.milestone)}</TableCell>
              <TableCell>{format.instant(clock.dueAt)}</TableCell>
              <TableCell>{remaining}</TableCell>
              <TableCell>
                <ClockStateChip state={clockStateOf(clock)} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Overdue and due duties, the next inspection and drill, and the last drill. */
export function Duties(props: { health: SystemHealth }) {
  const { obligations, drills } = props.health;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const nameOf = useObligationName();
  const obligationLink = useRouteRef(obligationRouteRef);
  const line = (label: string, o: SystemHealthDuty | null, id: string) => (
    <Typography variant="body2" data-testid={id}>
      {`${label}: `}
      {o ? (
        <>
          <Link to={obligationLink({ id: o.id })}>
            {`${format.instant(o.dueAt)}${
              o.description ? ` · ${o.description}` : ''
            }`}
          </Link>
          {o.state === 'overdue' && (
            <Typography component="span" variant="body2" color="error">
              {` (${t('obligationStates.overdue')})`}
            </Typography>
          )}
        </>
      ) : (
        t('systemHealthCard.noneOpen')
      )}
    </Typography>
  );
  return (
    <>
      <Typography variant="body2" data-testid="health-duty-figures">
        {t('systemHealthCard.dutyFigures', {
          overdue: `${obligations.overdue}`,
          dueSoon: `${obligations.dueSoon}`,
        })}
      </Typography>
      {line(
        t('systemHealthCard.nextInspection'),
        obligations.nextInspection,
        'health-next-inspection',
      )}
      {line(
        t('systemHealthCard.nextDrill'),
        obligations.nextDrill,
        'health-next-drill',
      )}
      {drills.overdue > 0 && (
        <Typography variant="body2" color="error">
          {t('systemHealthCard.overdueDrills', { n: `${drills.overdue}` })}
        </Typography>
      )}
      <Typography variant="body2">
        {`${t('systemHealthCard.lastDrill')}: `}
        {drills.last
          ? t('systemHealthCard.lastDrillLine', {
              scenario: drills.last.scenario,
              date: format.date(drills.last.performedAt),
              result: drills.last.passed
                ? t('systemHealthCard.drillPassed')
                : t('systemHealthCard.drillFailed'),
              minutes: `${drills.last.recoveryMinutes}`,
              target: `${drills.last.targetMinutes}`,
            })
          : t('systemHealthCard.noDrill')}
      </Typography>
      {obligations.next.length > 0 && (
        <Typography variant="caption" component="div">
          {obligations.next
            .map(o => `${nameOf(o)} ${format.instant(o.dueAt)}`)
            .join(' · ')}
        </Typography>
      )}
    </>
  );
}

const isGate = (g: string): g is UpgradeGate =>
  (UPGRADE_GATES as ReadonlyArray<string>).includes(g);
const isStatus = (s: string): s is UpgradeStatus =>
  (UPGRADE_STATUSES as ReadonlyArray<string>).includes(s);

/** The next upgrade not finished, with its window and the gates it still misses. */
export function UpgradeInFlight(props: { health: SystemHealth }) {
  const { inFlight, next } = props.health.upgrades;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  if (!next) return <Typography>{t('systemHealthCard.noUpgrade')}</Typography>;
  const gates = next.missingGates.map(g =>
    isGate(g) ? t(`systemHealthCard.gates.${g}`) : g,
  );
  return (
    <>
      <Typography variant="body2">
        {t('systemHealthCard.upgradeLine', {
          title: next.title,
          version: next.toVersion,
          status: isStatus(next.status)
            ? t(`systemHealthCard.upgradeStatus.${next.status}`)
            : next.status,
        })}
      </Typography>
      <Typography variant="body2">
        {t('systemHealthCard.upgradeWindow', {
          start: format.instant(next.windowStart),
          end: format.instant(next.windowEnd),
        })}
      </Typography>
      <Typography
        variant="body2"
        color={gates.length ? 'error' : 'textPrimary'}
        data-testid="health-missing-gates"
      >
        {gates.length
          ? t('systemHealthCard.missingGates', { gates: gates.join(', ') })
          : t('systemHealthCard.allGatesMet')}
      </Typography>
      {inFlight > 1 && (
        <Typography variant="caption">
          {t('systemHealthCard.upgradesInFlight', { n: `${inFlight}` })}
        </Typography>
      )}
    </>
  );
}

/** Certificate expiries of a CA system's register. */
export function CertificateExpiries(props: { health: SystemHealth }) {
  const { certificates } = props.health;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  if (!certificates) {
    return <Typography>{t('systemHealthCard.noRegister')}</Typography>;
  }
  return (
    <>
      <Typography
        variant="body2"
        color={
          certificates.expired || certificates.expiringSoon
            ? 'error'
            : 'textPrimary'
        }
        data-testid="health-certificate-figures"
      >
        {t('systemHealthCard.certificateFigures', {
          expiringSoon: `${certificates.expiringSoon}`,
          expired: `${certificates.expired}`,
        })}
      </Typography>
      {certificates.nextExpiry && (
        <Typography variant="body2">
          {t('systemHealthCard.nextExpiry', {
            date: format.date(certificates.nextExpiry),
          })}
        </Typography>
      )}
    </>
  );
}
