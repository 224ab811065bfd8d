import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  CALENDAR_DUTY_STATES,
  CalendarEvent,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { hospitalLocal } from '../../lib/hospitalTime';
import { obligationRouteRef, upgradePlanRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  chip: {
    maxWidth: '100%',
    height: 'auto',
    minHeight: 20,
    fontSize: '0.7rem',
    cursor: 'inherit',
    '& .MuiChip-label': {
      whiteSpace: 'normal',
      paddingLeft: 6,
      paddingRight: 6,
    },
  },
  overdue: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  due: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  done: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  upcoming: { backgroundColor: theme.palette.grey[300], color: '#000' },
  waived: {
    backgroundColor: theme.palette.grey[200],
    color: theme.palette.text.secondary,
    fontStyle: 'italic',
  },
  drill: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  'upgrade-window': { backgroundColor: '#7e57c2', color: '#fff' },
  freeze: { backgroundColor: '#546e7a', color: '#fff' },
  'certificate-expiry': { backgroundColor: '#8d6e63', color: '#fff' },
  link: { display: 'block', maxWidth: '100%' },
}));

/** The colour class of an event: a duty by its worst state, anything else by its kind. */
export function eventTone(event: CalendarEvent): string {
  return event.kind === 'duty' ? event.state : event.kind;
}

/**
 * One entry of a day as a small chip coloured by its kind (a duty by its worst state: overdue
 * red, due amber, done green), with the details in a tooltip. A duty links to its occurrence
 * (the first of the worst state when the chip stands for several), an upgrade window to its plan.
 */
export function CalendarEventChip(props: {
  event: CalendarEvent;
  timeZone: string;
}) {
  const { event, timeZone } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(weibaoTranslationRef);
  const obligationLink = useRouteRef(obligationRouteRef);
  const planLink = useRouteRef(upgradePlanRouteRef);
  const system = (title: string | null) => title ?? t('calendar.unknownSystem');
  const time = (iso: string) => hospitalLocal(iso, timeZone).replace('T', ' ');

  let label: string;
  let tooltip: string;
  let href: string | undefined;
  switch (event.kind) {
    case 'duty': {
      // "Backup · Daily ×8": the glossary's words, joined the same way in every language
      const followUp = event.followUpKind
        ? ` · ${t(`obligationFollowUps.${event.followUpKind}`)}`
        : '';
      const name = `${t(`obligationKinds.${event.obligationKind}`)} · ${t(
        `obligationFrequencies.${event.frequency}`,
      )}${followUp}`;
      label = event.count > 1 ? `${name} ×${event.count}` : name;
      tooltip = CALENDAR_DUTY_STATES.filter(s => event.states[s])
        .map(s => `${t(`calendar.dutyStates.${s}`)} ${event.states[s]}`)
        .join(' · ');
      href = obligationLink?.({ id: event.occurrenceId });
      break;
    }
    case 'drill':
      label = t('calendar.drill', { scenario: event.scenario });
      tooltip = t(
        event.passed ? 'calendar.drillPassed' : 'calendar.drillFailed',
        {
          system: system(event.systemTitle),
        },
      );
      break;
    case 'upgrade-window':
      label = t('calendar.upgradeWindow', { title: event.title });
      tooltip = t('calendar.upgradeTooltip', {
        system: system(event.systemTitle),
        start: time(event.start),
        end: time(event.end),
      });
      href = planLink?.({ id: event.planId });
      break;
    case 'freeze':
      label = t('calendar.freeze', { reason: event.reason });
      tooltip = event.hospitalRef
        ? t('calendar.freezeAt', {
            hospital: event.hospitalTitle ?? t('calendar.unknownSystem'),
            from: event.from,
            to: event.to,
          })
        : t('calendar.freezeEverywhere', { from: event.from, to: event.to });
      break;
    default:
      label = t('calendar.certificateExpiry', {
        number: `${event.count}`,
        item: t(`calendar.certificateItems.${event.item}`),
      });
      tooltip = t('calendar.certificateTooltip', {
        system: system(event.systemTitle),
        date: event.expiresOn,
      });
  }

  const tone = eventTone(event);
  const chip = (
    <Chip
      size="small"
      label={label}
      className={`${classes.chip} ${classes[tone as keyof typeof classes]}`}
      data-event-kind={event.kind}
      {...(event.kind === 'duty' ? { 'data-duty-state': event.state } : {})}
    />
  );
  return (
    <Tooltip title={tooltip}>
      {href ? (
        <Link to={href} className={classes.link} underline="none">
          {chip}
        </Link>
      ) : (
        <span className={classes.link}>{chip}</span>
      )}
    </Tooltip>
  );
}

/** What the colours mean: a duty in each state, then each other kind of entry. */
export function CalendarLegend() {
  const classes = useStyles();
  const { t } = useTranslationRef(weibaoTranslationRef);
  const entries: Array<[string, string]> = [
    ...CALENDAR_DUTY_STATES.map((s): [string, string] => [
      s,
      `${t('calendar.legend.duty')}: ${t(`calendar.dutyStates.${s}`)}`,
    ]),
    ['drill', t('calendar.legend.drill')],
    ['upgrade-window', t('calendar.legend.upgradeWindow')],
    ['freeze', t('calendar.legend.freeze')],
    ['certificate-expiry', t('calendar.legend.certificateExpiry')],
  ];
  return (
    <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 4 }}>
      {entries.map(([tone, label]) => (
        <Chip
          key={tone}
          size="small"
          label={label}
          className={`${classes.chip} ${classes[tone as keyof typeof classes]}`}
          data-legend={tone}
        />
      ))}
    </Box>
  );
}
