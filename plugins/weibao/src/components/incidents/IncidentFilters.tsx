import { useEffect, useRef, useState } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  INCIDENT_STATUSES,
  OPEN_INCIDENT_STATUSES,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import useDebounce from 'react-use/esm/useDebounce';
import type { IncidentQuery } from '../../api';
import { HOSPITAL_TIME_ZONE } from '../../lib/format';
import { hospitalInstant } from '../../lib/forms';
import { choiceItems } from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';

/** What the filters hold, as the user set them. */
export type IncidentFilterValues = {
  /** '' any, 'open', or one status. */
  status: string;
  /** '' any, or a level number. */
  level: string;
  /** '' any, 'breached' or 'at-risk'. */
  clocks: string;
  text: string;
  /** `datetime-local` values on the hospital's wall clock. */
  reportedFrom: string;
  reportedTo: string;
  /** '' every one of the table's ownerRefs, or the one chosen among them. */
  ownerRef: string;
};

/** Levels the level filter offers (DOMAIN.md's matrix has four). */
const FILTER_LEVELS = [1, 2, 3, 4];

export function emptyFilters(): IncidentFilterValues {
  return {
    status: '',
    level: '',
    clocks: '',
    text: '',
    reportedFrom: '',
    reportedTo: '',
    ownerRef: '',
  };
}

/** The query parameters of the filters (paging apart). */
export function queryOfFilters(
  filters: IncidentFilterValues,
  fixed: { systemRef?: string; ownerRefs?: string[] },
): IncidentQuery {
  let status: IncidentQuery['status'];
  if (filters.status === 'open') status = [...OPEN_INCIDENT_STATUSES];
  else if (filters.status) {
    status = [filters.status as (typeof INCIDENT_STATUSES)[number]];
  }
  return {
    ...(fixed.systemRef ? { systemRef: fixed.systemRef } : {}),
    ...(filters.ownerRef ? { ownerRef: [filters.ownerRef] } : {}),
    ...(!filters.ownerRef && fixed.ownerRefs?.length
      ? { ownerRef: fixed.ownerRefs }
      : {}),
    ...(status ? { status } : {}),
    ...(filters.level ? { level: [Number(filters.level)] } : {}),
    ...(filters.clocks === 'breached' ? { breached: true } : {}),
    ...(filters.clocks === 'at-risk' ? { atRisk: true } : {}),
    ...(filters.text.trim() ? { q: filters.text.trim() } : {}),
    ...(hospitalInstant(filters.reportedFrom, HOSPITAL_TIME_ZONE)
      ? {
          reportedFrom: hospitalInstant(
            filters.reportedFrom,
            HOSPITAL_TIME_ZONE,
          ),
        }
      : {}),
    ...(hospitalInstant(filters.reportedTo, HOSPITAL_TIME_ZONE)
      ? { reportedTo: hospitalInstant(filters.reportedTo, HOSPITAL_TIME_ZONE) }
      : {}),
  };
}

/**
 * The table's filters: status, level, breached / at risk, text (applied after a pause in
 * typing), reported time range, and the owner when the table serves several teams.
 */
export function IncidentFilters(props: {
  value: IncidentFilterValues;
  onChange: (value: IncidentFilterValues) => void;
  ownerRefs?: string[];
}) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const [text, setText] = useState(value.text);
  const latest = useRef(value);
  latest.current = value;
  useDebounce(
    () => {
      if (text !== latest.current.text) onChange({ ...latest.current, text });
    },
    400,
    [text],
  );
  useEffect(() => setText(value.text), [value.text]);

  const set =
    (key: keyof IncidentFilterValues) => (e: { target: { value: unknown } }) =>
      onChange({ ...value, [key]: String(e.target.value) });
  const any = t('incidents.filters.any');
  const select = (
    key: keyof IncidentFilterValues,
    label: string,
    options: Array<{ value: string; label: string }>,
    anyLabel: string = any,
  ) => (
    <TextField
      id={`incident-filter-${key}`}
      select
      label={label}
      value={value[key]}
      onChange={set(key)}
      style={{ minWidth: 140 }}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
    >
      {choiceItems([{ value: '', label: anyLabel }, ...options])}
    </TextField>
  );

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      style={{ gap: 16 }}
      mb={2}
      data-testid="incident-filters"
    >
      {props.ownerRefs &&
        props.ownerRefs.length > 1 &&
        select(
          'ownerRef',
          t('incidents.filters.owner'),
          props.ownerRefs.map(ref => ({ value: ref, label: ref })),
          t('incidents.filters.allTeams'),
        )}
      {select('status', t('incidents.filters.status'), [
        { value: 'open', label: t('incidents.filters.open') },
        ...INCIDENT_STATUSES.map(s => ({
          value: s,
          label: t(`incidents.status.${s}`),
        })),
      ])}
      {select(
        'level',
        t('incidents.filters.level'),
        FILTER_LEVELS.map(l => ({ value: `${l}`, label: `${l}` })),
      )}
      {select('clocks', t('incidents.filters.clocks'), [
        { value: 'breached', label: t('incidents.filters.breached') },
        { value: 'at-risk', label: t('incidents.filters.atRisk') },
      ])}
      <TextField
        id="incident-filter-text"
        label={t('incidents.filters.text')}
        value={text}
        onChange={e => setText(e.target.value)}
        type="search"
      />
      {(['reportedFrom', 'reportedTo'] as const).map(key => (
        <TextField
          key={key}
          id={`incident-filter-${key}`}
          label={t(`incidents.filters.${key}`)}
          type="datetime-local"
          value={value[key]}
          onChange={set(key)}
          InputLabelProps={{ shrink: true }}
        />
      ))}
    </Box>
  );
}
