import { ReactNode } from 'react';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

/**
 * The colours a state chip takes: Weibao's one palette, so that "breached", "overdue",
 * "expired" and "rolled back" all look alike.
 */
export type ChipTone =
  | 'danger'
  | 'dangerLight'
  | 'warning'
  | 'warningLight'
  | 'info'
  | 'infoLight'
  | 'success'
  | 'plain'
  | 'italic'
  | 'muted';

const useStyles = makeStyles(theme => ({
  danger: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  dangerLight: {
    backgroundColor: theme.palette.error.light,
    color: theme.palette.error.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  warningLight: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.warning.contrastText,
  },
  info: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  infoLight: { backgroundColor: theme.palette.info.light },
  success: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  plain: {},
  italic: { fontStyle: 'italic' },
  muted: { opacity: 0.6 },
}));

/** `data-*` attributes a chip carries for tests and styling, e.g. `data-risk`. */
export type DataAttributes = { [attribute: `data-${string}`]: string };

/**
 * A small chip naming a state in one coloured word; each kind of state maps its values to a
 * `ChipTone` (see RiskChip, ClockStateChip, UpgradeStatusChip…).
 */
export function StateChip(
  props: { tone: ChipTone; label: ReactNode } & DataAttributes,
) {
  const { tone, label, ...data } = props;
  const classes = useStyles();
  return (
    <Chip size="small" className={classes[tone]} label={label} {...data} />
  );
}

/** A yes/no chip: in `color` when `on`, plain when not. */
export function FlagChip(
  props: {
    on: boolean;
    color: 'primary' | 'secondary';
    labels: [on: ReactNode, off: ReactNode];
  } & DataAttributes,
) {
  const { on, color, labels, ...data } = props;
  return (
    <Chip
      size="small"
      color={on ? color : 'default'}
      label={on ? labels[0] : labels[1]}
      {...data}
    />
  );
}
