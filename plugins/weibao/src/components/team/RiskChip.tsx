import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { SystemRisk } from '@weibao/plugin-weibao-common';
import { ChipTone, StateChip } from '../../lib/StateChip';
import { weibaoTranslationRef } from '../../translation';

const TONES: Record<SystemRisk, ChipTone> = {
  breached: 'danger',
  'at-risk': 'warning',
  overdue: 'dangerLight',
  due: 'infoLight',
  ok: 'success',
};

/** How a system stands, in one coloured word. */
export function RiskChip(props: { risk: SystemRisk }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  return (
    <StateChip
      tone={TONES[props.risk]}
      label={t(`team.risk.${props.risk}`)}
      data-risk={props.risk}
    />
  );
}
