import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { UpgradeStatus } from '@weibao/plugin-weibao-common';
import { ChipTone, StateChip } from '../../lib/StateChip';
import { weibaoTranslationRef } from '../../translation';

const STATUS_TONES: Record<UpgradeStatus, ChipTone> = {
  draft: 'plain',
  ready: 'info',
  started: 'warning',
  completed: 'infoLight',
  verified: 'success',
  'rolled-back': 'danger',
  cancelled: 'muted',
};

/** An upgrade plan's status in one coloured word; `data-upgrade-status` carries it. */
export function UpgradeStatusChip(props: { status: UpgradeStatus }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  return (
    <StateChip
      tone={STATUS_TONES[props.status]}
      label={t(`upgrades.status.${props.status}`)}
      data-upgrade-status={props.status}
    />
  );
}

/** Whether a drill recovered within its target; `data-drill-result` carries it. */
export function DrillResultChip(props: { passed: boolean }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const result = props.passed ? 'passed' : 'failed';
  return (
    <StateChip
      tone={props.passed ? 'success' : 'danger'}
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
