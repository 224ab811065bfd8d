import { useMemo, useState } from 'react';
import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Incident } from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { weibaoApiRef } from '../../api';
import { ClockStateChip, clockStateOf } from '../../lib/ClockStateChip';
import { useWeibaoFormat } from '../../lib/format';
import { incidentRouteRef } from '../../routes';
import { EmptyRows, listOptions } from '../../lib/tables';
import { weibaoTranslationRef } from '../../translation';
import {
  emptyFilters,
  IncidentFilters,
  IncidentFilterValues,
  queryOfFilters,
} from './IncidentFilters';
import { byRisk, levelText, urgentClock } from './incidentRisk';

/** @public */
export type IncidentsTableProps = {
  /** Fixes the system filter: only this hospital system's incidents (Component entity ref). */
  systemRef?: string;
  /**
   * Only incidents of systems these teams own. The backend takes one owner per request, so
   * with several the table offers a choice among them (the first by default).
   */
  ownerRefs?: string[];
  /** Change it to reload the table from its first page (e.g. after a report). */
  refreshKey?: number;
  /** Incidents per page; 20 by default. */
  pageSize?: number;
};

/** The most urgent running clock of an incident: its state, milestone and due time. */
function UrgentClock(props: { incident: Incident }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const clock = urgentClock(props.incident);
  if (!clock) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('incidents.table.noRunningClock')}
      </Typography>
    );
  }
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      data-testid="incident-urgent-clock"
    >
      <ClockStateChip state={clockStateOf(clock)} />
      <Typography variant="body2">
        {t(`milestones.${clock.milestone}`)}
        {clock.dueAt
          ? ` · ${t('incidents.table.dueAt', {
              at: format.instant(clock.dueAt),
            })}`
          : ''}
      </Typography>
    </Box>
  );
}

/**
 * Incidents with filters (status, level, breached / at risk, text, reported time range) and
 * cursor paging. The backend pages newest report first; each page is shown riskiest first
 * (breached, at risk, then earliest due). One backend call per page.
 *
 * @public
 */
export function IncidentsTable(props: IncidentsTableProps) {
  const { systemRef, ownerRefs, refreshKey, pageSize = 20 } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const incidentLink = useRouteRef(incidentRouteRef);
  const [filters, setFilters] = useState<IncidentFilterValues>(() =>
    emptyFilters(),
  );
  /**
   * The cursor of each page visited so far (the last is the page shown), for the current
   * `refreshKey`: a new key starts again from the first page.
   */
  const [paging, setPaging] = useState({
    refreshKey,
    cursors: [undefined] as Array<string | undefined>,
  });
  const cursors =
    paging.refreshKey === refreshKey ? paging.cursors : [undefined];
  const setCursors = (next: Array<string | undefined>) =>
    setPaging({ refreshKey, cursors: next });
  const cursor = cursors[cursors.length - 1];
  const query = queryOfFilters(filters, { systemRef, ownerRefs });
  const queryKey = JSON.stringify(query);

  const { value, loading, error } = useAsync(
    () =>
      api.listIncidents({
        ...query,
        limit: pageSize,
        ...(cursor ? { cursor } : {}),
      }),
    // the query is keyed by its JSON: a new object with the same filters is the same query
    [api, queryKey, cursor, pageSize, refreshKey],
  );
  const rows = useMemo(
    () => (value ? byRisk(value.items).map(i => ({ ...i })) : []),
    [value],
  );

  const changeFilters = (next: IncidentFilterValues) => {
    setFilters(next);
    setCursors([undefined]);
  };

  const columns: TableColumn<Incident>[] = [
    {
      title: t('incidents.table.columns.title'),
      field: 'title',
      render: row => <Link to={incidentLink({ id: row.id })}>{row.title}</Link>,
    },
    {
      title: t('incidents.table.columns.system'),
      field: 'systemRef',
      render: row => <EntityRefLink entityRef={row.systemRef} />,
    },
    {
      title: t('incidents.table.columns.level'),
      field: 'level',
      render: row => levelText(row.level, row.levelName),
    },
    {
      title: t('incidents.table.columns.status'),
      field: 'status',
      render: row => t(`incidents.status.${row.status}`),
    },
    {
      title: t('incidents.table.columns.clock'),
      field: 'clocks',
      render: row => <UrgentClock incident={row} />,
    },
    {
      title: t('incidents.table.columns.reportedAt'),
      field: 'reportedAt',
      render: row => format.instant(row.reportedAt),
    },
  ];

  let body;
  if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value) body = <Progress />;
  else {
    body = (
      <>
        <Table<Incident>
          title={t('incidents.table.title')}
          options={listOptions({ dense: true, toolbar: true })}
          isLoading={loading}
          columns={columns}
          data={rows}
          emptyContent={<EmptyRows text={t('incidents.table.empty')} />}
        />
        <Box
          display="flex"
          alignItems="center"
          justifyContent="flex-end"
          style={{ gap: 16 }}
          mt={1}
        >
          <Typography variant="body2" data-testid="incidents-page">
            {t('incidents.table.pageOf', {
              page: `${cursors.length}`,
              total: `${value.totalCount}`,
            })}
          </Typography>
          <Button
            disabled={loading || cursors.length === 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            {t('incidents.table.previous')}
          </Button>
          <Button
            disabled={loading || !value.nextCursor}
            onClick={() => setCursors([...cursors, value.nextCursor])}
          >
            {t('incidents.table.next')}
          </Button>
        </Box>
      </>
    );
  }

  return (
    <Box>
      <IncidentFilters
        value={filters}
        onChange={changeFilters}
        ownerRefs={ownerRefs}
      />
      {body}
    </Box>
  );
}
