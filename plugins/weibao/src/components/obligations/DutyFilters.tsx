import { ReactNode } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  ObligationKind,
  OccurrenceState,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import type { ObligationGroupQuery, ObligationQuery } from '../../api';
import { HOSPITAL_TIME_ZONE } from '../../lib/format';
import { hospitalInstant } from '../../lib/forms';
import { Choice, choiceItems } from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';
import { OBLIGATION_KINDS } from './obligationText';

/** What the Duties tab's filters hold, as the user set them ('' is any). */
export type DutyFilterValues = {
  contractRef: string;
  systemRef: string;
  ownerRef: string;
  kind: string;
  /** '' any, 'open' (overdue, due soon, upcoming), or one state. */
  state: string;
  /** `datetime-local` values on the hospital's wall clock. */
  dueFrom: string;
  dueTo: string;
};

/** The filters at first: every open occurrence (overdue, due soon, upcoming). */
export const emptyDutyFilters = (): DutyFilterValues => ({
  contractRef: '',
  systemRef: '',
  ownerRef: '',
  kind: '',
  state: 'open',
  dueFrom: '',
  dueTo: '',
});

const OPEN_STATES: OccurrenceState[] = ['overdue', 'due', 'upcoming'];

/** The states the state filter offers, the most urgent first. */
const FILTER_STATES: ReadonlyArray<OccurrenceState> = [
  'overdue',
  'due',
  'upcoming',
  'done',
  'waived',
  'before-tracking',
  'retired',
];

const STATE_TEXT = {
  overdue: 'overdue',
  due: 'due',
  upcoming: 'upcoming',
  done: 'doneOnTime',
  waived: 'waived',
  'before-tracking': 'beforeTracking',
  retired: 'retired',
} as const;

/** The groups' query of the filters: who and what (states and due times filter occurrences). */
export function groupQueryOf(f: DutyFilterValues): ObligationGroupQuery {
  return {
    ...(f.contractRef ? { contractRef: f.contractRef } : {}),
    ...(f.systemRef ? { systemRef: f.systemRef } : {}),
    ...(f.ownerRef ? { ownerRef: f.ownerRef } : {}),
    ...(f.kind ? { kind: [f.kind as ObligationKind] } : {}),
  };
}

/** The occurrences' query of the filters (paging apart). */
export function occurrenceQueryOf(f: DutyFilterValues): ObligationQuery {
  const dueFrom = hospitalInstant(f.dueFrom, HOSPITAL_TIME_ZONE);
  const dueTo = hospitalInstant(f.dueTo, HOSPITAL_TIME_ZONE);
  return {
    ...groupQueryOf(f),
    ...(f.state === 'open' ? { state: OPEN_STATES } : {}),
    ...(f.state && f.state !== 'open'
      ? { state: [f.state as OccurrenceState] }
      : {}),
    ...(dueFrom ? { dueFrom } : {}),
    ...(dueTo ? { dueTo } : {}),
  };
}

/**
 * The Duties tab's filters: contract, system, team (choices by name), duty, state (before
 * tracking too) and the due time range.
 */
export function DutyFilters(props: {
  value: DutyFilterValues;
  onChange: (value: DutyFilterValues) => void;
  contracts: Choice[];
  systems: Choice[];
  owners: Choice[];
}) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const set =
    (key: keyof DutyFilterValues) => (e: { target: { value: unknown } }) =>
      onChange({ ...value, [key]: String(e.target.value) });
  const select = (
    key: keyof DutyFilterValues,
    label: string,
    choices: Choice[],
  ): ReactNode => (
    <TextField
      id={`duty-filter-${key}`}
      select
      label={label}
      value={value[key]}
      onChange={set(key)}
      style={{ minWidth: 160 }}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
    >
      {choiceItems([
        { value: '', label: t('dutiesPage.filters.any') },
        ...choices,
      ])}
    </TextField>
  );
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      style={{ gap: 16 }}
      mb={2}
      data-testid="duty-filters"
    >
      {select('contractRef', t('dutiesPage.filters.contract'), props.contracts)}
      {select('systemRef', t('dutiesPage.filters.system'), props.systems)}
      {select('ownerRef', t('dutiesPage.filters.owner'), props.owners)}
      {select(
        'kind',
        t('dutiesPage.filters.kind'),
        OBLIGATION_KINDS.map(k => ({
          value: k,
          label: t(`obligationKinds.${k}`),
        })),
      )}
      {select('state', t('dutiesPage.filters.state'), [
        { value: 'open', label: t('dutiesPage.filters.open') },
        ...FILTER_STATES.map(s => ({
          value: s,
          label: t(`obligationStates.${STATE_TEXT[s]}`),
        })),
      ])}
      {(['dueFrom', 'dueTo'] as const).map(key => (
        <TextField
          key={key}
          id={`duty-filter-${key}`}
          label={t(`dutiesPage.filters.${key}`)}
          type="datetime-local"
          value={value[key]}
          onChange={set(key)}
          InputLabelProps={{ shrink: true }}
        />
      ))}
    </Box>
  );
}
