import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { weibaoTranslationRef } from '../translation';
import { ChipTone, StateChip } from './StateChip';

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

const TONES: Record<ClockState, ChipTone> = {
  breached: 'danger',
  'at-risk': 'warning',
  running: 'plain',
  paused: 'italic',
  met: 'success',
  retired: 'muted',
};

/** A small coloured chip naming a clock's state, e.g. "Breached" / "已超时". */
export function ClockStateChip(props: { state: ClockState }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  return (
    <StateChip
      tone={TONES[props.state]}
      label={t(`clockState.${props.state}`)}
      data-clock-state={props.state}
    />
  );
}
