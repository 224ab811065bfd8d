import { useEffect, useState } from 'react';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  CalendarMonth,
  calendarMonthOf,
  CalendarMonthDay,
  DEFAULT_TIME_ZONE,
  shiftCalendarMonth,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import IconButton from '@material-ui/core/IconButton';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronLeft from '@material-ui/icons/ChevronLeft';
import ChevronRight from '@material-ui/icons/ChevronRight';
import useAsync from 'react-use/esm/useAsync';
import { weibaoApiRef } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
import { hospitalLocal } from '../../lib/hospitalTime';
import { weibaoTranslationRef } from '../../translation';
import { CalendarEventChip, CalendarLegend } from './CalendarEventChip';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(7, minmax(0, 1fr))',
    gap: 1,
    backgroundColor: theme.palette.divider,
    border: `1px solid ${theme.palette.divider}`,
  },
  head: {
    backgroundColor: theme.palette.background.paper,
    padding: theme.spacing(0.5, 1),
    fontWeight: 'bold',
    textAlign: 'center',
  },
  day: {
    backgroundColor: theme.palette.background.paper,
    minHeight: 110,
    padding: theme.spacing(0.5),
    display: 'flex',
    flexDirection: 'column',
    gap: 2,
  },
  weekend: { backgroundColor: theme.palette.action.hover },
  holiday: {
    backgroundColor:
      theme.palette.type === 'dark' ? 'rgba(244, 67, 54, 0.16)' : '#fdecea',
  },
  outside: { opacity: 0.45 },
  today: {
    boxShadow: `inset 0 0 0 2px ${theme.palette.primary.main}`,
  },
  dayHead: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: 4,
  },
  dayNumber: { fontWeight: 'bold' },
  todayNumber: {
    fontWeight: 'bold',
    color: theme.palette.primary.contrastText,
    backgroundColor: theme.palette.primary.main,
    borderRadius: 10,
    padding: '0 6px',
  },
  holidayName: { color: theme.palette.error.dark, fontSize: '0.75rem' },
  makeUp: { color: theme.palette.warning.dark, fontSize: '0.75rem' },
}));

/** One day's cell: its number, its holiday or make-up workday, its events. */
function DayCell(props: {
  day: CalendarMonthDay;
  today: boolean;
  timeZone: string;
}) {
  const { day, today, timeZone } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(weibaoTranslationRef);
  const shades: Partial<Record<CalendarMonthDay['kind'], string>> = {
    holiday: classes.holiday,
    weekend: classes.weekend,
  };
  const shade = shades[day.kind] ?? '';
  return (
    <div
      className={[
        classes.day,
        shade,
        day.inMonth ? '' : classes.outside,
        today ? classes.today : '',
      ].join(' ')}
      data-date={day.date}
      data-day-kind={day.kind}
      data-in-month={`${day.inMonth}`}
      {...(today ? { 'data-today': 'true' } : {})}
      aria-current={today ? 'date' : undefined}
    >
      <div className={classes.dayHead}>
        <span className={today ? classes.todayNumber : classes.dayNumber}>
          {Number(day.date.slice(8))}
        </span>
        {day.kind === 'holiday' && day.holiday ? (
          <span className={classes.holidayName}>{day.holiday}</span>
        ) : null}
        {day.kind === 'make-up-workday' ? (
          <span className={classes.makeUp}>{t('calendar.makeUpWorkday')}</span>
        ) : null}
      </div>
      {day.events.map((event, i) => (
        <CalendarEventChip key={i} event={event} timeZone={timeZone} />
      ))}
    </div>
  );
}

/** The month's grid: a header of weekdays from Monday, then its weeks. */
export function CalendarGrid(props: { calendar: CalendarMonth }) {
  const { calendar } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(weibaoTranslationRef);
  const today = hospitalLocal(calendar.evaluatedAt, calendar.timeZone).slice(
    0,
    10,
  );
  const weekdays = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'] as const;
  return (
    <>
      {calendar.provisional ? (
        <Box mb={1}>
          <Typography variant="body2" color="textSecondary">
            {t('calendar.provisional')}
          </Typography>
        </Box>
      ) : null}
      {calendar.truncated ? (
        <Box mb={1}>
          <Typography variant="body2" color="error">
            {t('calendar.truncated')}
          </Typography>
        </Box>
      ) : null}
      <div className={classes.grid} role="grid" aria-label={calendar.month}>
        {weekdays.map(d => (
          <div key={d} className={classes.head} role="columnheader">
            {t(`calendar.weekdays.${d}`)}
          </div>
        ))}
        {calendar.weeks.flat().map(day => (
          <DayCell
            key={day.date}
            day={day}
            today={day.date === today}
            timeZone={calendar.timeZone}
          />
        ))}
      </div>
      <CalendarLegend />
    </>
  );
}

/** The groups among refs (a caller's ownership refs also hold the user). */
const groupsOf = (refs: string[]) =>
  refs.filter(
    r => parseEntityRef(r).kind.toLocaleLowerCase('en-US') === 'group',
  );

/**
 * The team calendar (团队日历): a month of the signed-in user's teams (or of one of them) with
 * weekends and official holidays shaded, make-up workdays marked, and the duties, drills,
 * upgrade windows, freezes and certificate expiries of each day. One backend call per month
 * and team shown.
 *
 * @public
 */
export function TeamCalendarPage(props: { initialMonth?: string }) {
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const thisMonth = calendarMonthOf(Date.now(), DEFAULT_TIME_ZONE);
  const [month, setMonth] = useState(props.initialMonth ?? thisMonth);
  const [team, setTeam] = useState<string>('');
  const [teams, setTeams] = useState<string[]>([]);
  const state = useAsync(
    () => api.getTeamCalendar({ month, ownerRefs: team ? [team] : undefined }),
    [api, month, team],
  );
  // the teams to pick from: the groups of the caller's own calendar
  useEffect(() => {
    if (!team && state.value) setTeams(groupsOf(state.value.ownerRefs));
  }, [team, state.value]);

  const [year, monthNumber] = month.split('-').map(Number);
  const monthKey = `m${monthNumber}` as `m${
    | 1
    | 2
    | 3
    | 4
    | 5
    | 6
    | 7
    | 8
    | 9
    | 10
    | 11
    | 12}`;
  return (
    <Paper>
      <Box p={2}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          mb={2}
          style={{ gap: 8 }}
        >
          <IconButton
            aria-label={t('calendar.previous')}
            title={t('calendar.previous')}
            onClick={() => setMonth(m => shiftCalendarMonth(m, -1))}
          >
            <ChevronLeft />
          </IconButton>
          <Typography variant="h5" component="h2" data-testid="calendar-month">
            {t(`calendar.months.${monthKey}`, { year: `${year}` })}
          </Typography>
          <IconButton
            aria-label={t('calendar.next')}
            title={t('calendar.next')}
            onClick={() => setMonth(m => shiftCalendarMonth(m, 1))}
          >
            <ChevronRight />
          </IconButton>
          <Button
            size="small"
            variant="outlined"
            disabled={month === thisMonth}
            onClick={() => setMonth(thisMonth)}
          >
            {t('calendar.thisMonth')}
          </Button>
          <Box flexGrow={1} />
          {teams.length > 1 || team ? (
            <FormControl size="small" style={{ minWidth: 220 }}>
              <InputLabel id="weibao-calendar-team">
                {t('calendar.team')}
              </InputLabel>
              <Select
                labelId="weibao-calendar-team"
                value={team}
                displayEmpty
                onChange={e => setTeam(String(e.target.value))}
              >
                <MenuItem value="">{t('calendar.allTeams')}</MenuItem>
                {teams.map(ref => (
                  <MenuItem key={ref} value={ref}>
                    <EntityDisplayName entityRef={ref} hideIcon />
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
          ) : null}
        </Box>
        <AsyncContent state={state} keepWhileReloading>
          {(calendar: CalendarMonth) => <CalendarGrid calendar={calendar} />}
        </AsyncContent>
      </Box>
    </Paper>
  );
}
