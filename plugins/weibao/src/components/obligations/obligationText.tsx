import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  ObligationKind,
  ObligationOccurrence,
} from '@weibao/plugin-weibao-common';
import { ChipTone, StateChip } from '../../lib/StateChip';
import { weibaoTranslationRef } from '../../translation';

export const OBLIGATION_KINDS: ReadonlyArray<ObligationKind> = [
  'inspection',
  'performance-evaluation',
  'health-check',
  'drill',
  'backup',
  'security-audit',
  'return-visit',
  'communication',
  'training',
  'data-migration',
  'incident-review',
  'holiday-duty-notice',
  'maintenance-report',
  'certificate-renewal',
];

const FOLLOW_UPS = ['report', 'survey', 'notice'] as const;

const OBLIGATION_FREQUENCIES = [
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'half-yearly',
  'yearly',
  'per-contract',
  'before-statutory-holiday',
] as const;

/** Whether a string names an obligation kind (the health summary types it as a string). */
export function isObligationKind(kind: string): kind is ObligationKind {
  return (OBLIGATION_KINDS as ReadonlyArray<string>).includes(kind);
}

/**
 * The name of a duty with its frequency, as a group shows it: "Backup · Daily", and for a
 * group of follow-ups "Inspection · Written report · Quarterly".
 */
export function useDutyName() {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const nameOf = useObligationName();
  return (g: {
    kind: string;
    frequency: string;
    followUp?: string | null;
    followUpKind?: string | null;
  }): string => {
    const frequency = (
      OBLIGATION_FREQUENCIES as ReadonlyArray<string>
    ).includes(g.frequency)
      ? t(
          `obligationFrequencies.${
            g.frequency as (typeof OBLIGATION_FREQUENCIES)[number]
          }`,
        )
      : g.frequency;
    const followUpKind = g.followUp ?? g.followUpKind;
    return `${nameOf({ kind: g.kind, followUpKind })} · ${frequency}`;
  };
}

/**
 * The name of an occurrence's duty in the user's language: "Inspection (巡检)", and for a
 * follow-up "Inspection · Written report".
 */
export function useObligationName() {
  const { t } = useTranslationRef(weibaoTranslationRef);
  return (o: { kind: string; followUpKind?: string | null }): string => {
    const kind = isObligationKind(o.kind)
      ? t(`obligationKinds.${o.kind}`)
      : o.kind;
    const followUp = FOLLOW_UPS.find(f => f === o.followUpKind);
    return followUp
      ? `${kind} · ${t(`obligationFollowUps.${followUp}`)}`
      : kind;
  };
}

/**
 * What an occurrence's state shows: done splits into on time, late, and on time but recorded
 * late (entered after its due time with an earlier done date).
 */
export type ObligationDisplayState =
  | 'upcoming'
  | 'due'
  | 'overdue'
  | 'doneOnTime'
  | 'doneLate'
  | 'doneRecordedLate'
  | 'waived'
  | 'retired'
  | 'beforeTracking';

/** The state to show for an occurrence. */
export function displayStateOf(
  o: Pick<ObligationOccurrence, 'state' | 'done'>,
): ObligationDisplayState {
  if (o.state === 'done') {
    if (o.done?.onTime === false) return 'doneLate';
    return o.done?.lateRecord ? 'doneRecordedLate' : 'doneOnTime';
  }
  if (o.state === 'before-tracking') return 'beforeTracking';
  return o.state;
}

/** Whether the occurrence can still be completed or waived. */
export function isOpen(o: Pick<ObligationOccurrence, 'state'>): boolean {
  return o.state === 'upcoming' || o.state === 'due' || o.state === 'overdue';
}

const STATE_TONES: Record<ObligationDisplayState, ChipTone> = {
  overdue: 'danger',
  doneLate: 'warning',
  due: 'warningLight',
  doneOnTime: 'success',
  doneRecordedLate: 'info',
  upcoming: 'plain',
  waived: 'italic',
  retired: 'muted',
  beforeTracking: 'muted',
};

/** A chip naming an occurrence's state ("Overdue", "Done late"…), with `data-obligation-state`. */
export function ObligationStateChip(props: {
  occurrence: Pick<ObligationOccurrence, 'state' | 'done'>;
}) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const state = displayStateOf(props.occurrence);
  return (
    <StateChip
      tone={STATE_TONES[state]}
      label={t(`obligationStates.${state}`)}
      data-obligation-state={state}
    />
  );
}
