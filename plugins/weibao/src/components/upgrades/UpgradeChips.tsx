import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { UpgradeStatus } from '@weibao/plugin-weibao-common';
import { weibaoTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  draft: {},
  ready: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  started: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  completed: { backgroundColor: theme.palette.info.light },
  verified: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  'rolled-back': {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  cancelled: { opacity: 0.6 },
  passed: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** An upgrade plan's status in one coloured word; `data-upgrade-status` carries it. */
export function UpgradeStatusChip(props: { status: UpgradeStatus }) {
  const classes = useStyles();
  const { t } = useTranslationRef(weibaoTranslationRef);
  return (
    <Chip
      size="small"
      className={classes[props.status]}
      label={t(`upgrades.status.${props.status}`)}
      data-upgrade-status={props.status}
    />
  );
}

/** Whether a drill recovered within its target; `data-drill-result` carries it. */
export function DrillResultChip(props: { passed: boolean }) {
  const classes = useStyles();
  const { t } = useTranslationRef(weibaoTranslationRef);
  const result = props.passed ? 'passed' : 'failed';
  return (
    <Chip
      size="small"
      className={classes[result]}
      label={t(`upgrades.${result}`)}
      data-drill-result={result}
    />
  );
}

/** Who did something: a catalog link for users and groups, the name as written otherwise. */
export function ActorName(props: { actor: string }) {
  return /^(user|group):/i.test(props.actor) ? (
    <EntityRefLink entityRef={props.actor} />
  ) : (
    <>{props.actor}</>
  );
}
