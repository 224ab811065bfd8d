import { Table, TableColumn } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  TeamOverview,
  TeamSystemHealth,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { weibaoApiRef } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
import { useWeibaoFormat } from '../../lib/format';
import { EmptyRows, listOptions } from '../../lib/tables';
import { weibaoTranslationRef } from '../../translation';
import { RiskChip } from './RiskChip';

/** The totals of a team overview as a line of figures. */
export function TeamTotals(props: { overview: TeamOverview }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const { totals } = props.overview;
  const figures = [
    ['systems', totals.systems],
    ['openIncidents', totals.openIncidents],
    ['breached', totals.breached],
    ['atRisk', totals.atRisk],
    ['overdueObligations', totals.overdueObligations],
  ] as const;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 24 }} mb={2}>
      {figures.map(([key, value]) => (
        <Box key={key}>
          <Typography variant="h5" data-testid={`team-total-${key}`}>
            {value}
          </Typography>
          <Typography variant="caption">{t(`team.totals.${key}`)}</Typography>
        </Box>
      ))}
    </Box>
  );
}

/**
 * Every hospital system of the signed-in user's teams, at risk first: breached clocks, then
 * clocks at risk, then overdue and due obligations. One backend call.
 *
 * @public
 */
export function TeamOverviewPage(props: { ownerRefs?: string[] }) {
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const ownerKey = props.ownerRefs?.join(',');
  const state = useAsync(
    () => api.getTeamOverview({ ownerRefs: props.ownerRefs }),
    [api, ownerKey],
  );

  const columns: TableColumn<TeamSystemHealth>[] = [
    {
      title: t('team.columns.risk'),
      field: 'risk',
      render: row => <RiskChip risk={row.risk} />,
    },
    {
      title: t('team.columns.system'),
      field: 'title',
      render: row => (
        <EntityRefLink entityRef={row.systemRef} title={row.title} />
      ),
    },
    {
      title: t('team.columns.hospital'),
      field: 'hospitalTitle',
      render: row => (
        <EntityRefLink
          entityRef={row.hospitalRef}
          title={row.hospitalTitle ?? undefined}
        />
      ),
    },
    {
      title: t('team.columns.type'),
      field: 'type',
      render: row => (row.type ? t(`systemTypes.${row.type}`) : '—'),
    },
    {
      title: t('team.columns.incidents'),
      field: 'openIncidents',
      type: 'numeric',
    },
    { title: t('team.columns.breached'), field: 'breached', type: 'numeric' },
    { title: t('team.columns.atRisk'), field: 'atRisk', type: 'numeric' },
    {
      title: t('team.columns.nextClockDue'),
      field: 'nextClockDueAt',
      render: row => format.instant(row.nextClockDueAt),
    },
    {
      title: t('team.columns.obligations'),
      field: 'obligations.overdue',
      render: row =>
        t('team.obligationFigures', {
          overdue: `${row.obligations.overdue}`,
          dueSoon: `${row.obligations.dueSoon}`,
        }),
    },
    {
      title: t('team.columns.upgrades'),
      field: 'upgradesInFlight',
      type: 'numeric',
    },
  ];

  return (
    <AsyncContent state={state}>
      {(overview: TeamOverview) => (
        <>
          <TeamTotals overview={overview} />
          <Table<TeamSystemHealth>
            title={t('team.title')}
            subtitle={
              overview.ownerRefs.length
                ? t('team.subtitle', { owners: overview.ownerRefs.join(', ') })
                : undefined
            }
            options={listOptions({ pageSize: 20, search: true, toolbar: true })}
            columns={columns}
            data={overview.systems}
            emptyContent={<EmptyRows text={t('team.empty')} />}
          />
        </>
      )}
    </AsyncContent>
  );
}
