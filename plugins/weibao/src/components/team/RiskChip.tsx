import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { SystemRisk } from '@weibao/plugin-weibao-common';
import { weibaoTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  breached: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  'at-risk': {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  overdue: {
    backgroundColor: theme.palette.error.light,
    color: theme.palette.error.contrastText,
  },
  due: { backgroundColor: theme.palette.info.light },
  ok: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
}));

/** How a system stands, in one coloured word. */
export function RiskChip(props: { risk: SystemRisk }) {
  const classes = useStyles();
  const { t } = useTranslationRef(weibaoTranslationRef);
  return (
    <Chip
      size="small"
      className={classes[props.risk]}
      label={t(`team.risk.${props.risk}`)}
      data-risk={props.risk}
    />
  );
}
