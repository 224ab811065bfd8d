import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { weibaoTranslationRef } from '../translation';

/** What a clock shows: breached and at-risk win over the raw status. */
export type ClockState =
  | 'breached'
  | 'at-risk'
  | 'running'
  | 'paused'
  | 'met'
  | 'retired';

/** The state to show for a clock's status and at-risk flag. */
export function clockStateOf(clock: {
  status: string;
  atRisk?: boolean;
  breachedAt?: string | null;
}): ClockState {
  if (clock.status === 'breached' || clock.breachedAt) return 'breached';
  if (clock.status === 'met') return 'met';
  if (clock.status === 'retired') return 'retired';
  if (clock.atRisk) return 'at-risk';
  return clock.status === 'paused' ? 'paused' : 'running';
}

const useStyles = makeStyles(theme => ({
  breached: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  'at-risk': {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  running: {},
  paused: { fontStyle: 'italic' },
  met: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  retired: { opacity: 0.6 },
}));

/** A small coloured chip naming a clock's state, e.g. "Breached" / "已超时". */
export function ClockStateChip(props: { state: ClockState }) {
  const classes = useStyles();
  const { t } = useTranslationRef(weibaoTranslationRef);
  return (
    <Chip
      size="small"
      className={classes[props.state]}
      label={t(`clockState.${props.state}`)}
      data-clock-state={props.state}
    />
  );
}
