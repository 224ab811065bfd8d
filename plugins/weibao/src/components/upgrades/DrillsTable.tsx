import { Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useRouteRef } from '@backstage/core-plugin-api';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type { DrillRecord } from '@weibao/plugin-weibao-common';
import { Link as RouterLink } from 'react-router-dom';
import { useWeibaoFormat } from '../../lib/format';
import { upgradePlanRouteRef } from '../../routes';
import { EmptyRows, listOptions } from '../../lib/tables';
import { weibaoTranslationRef } from '../../translation';
import { DrillResultChip } from './UpgradeChips';

/**
 * Drills (应急演练): when, which scenario, recovery against target, passed or failed; a drill
 * that rehearsed an upgrade plan's rollback links to the plan unless `hidePlanLinks`.
 */
export function DrillsTable(props: {
  drills: DrillRecord[];
  emptyText: string;
  hidePlanLinks?: boolean;
}) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const planLink = useRouteRef(upgradePlanRouteRef);

  const columns: TableColumn<DrillRecord>[] = [
    {
      title: t('upgrades.drillColumns.performedAt'),
      field: 'performedAt',
      render: row => format.instant(row.performedAt),
    },
    {
      title: t('upgrades.drillColumns.scenario'),
      field: 'scenario',
      render: row => (
        <>
          <Typography variant="body2">{row.scenario}</Typography>
          {row.upgradePlanId && !props.hidePlanLinks && (
            <Link
              component={RouterLink}
              to={planLink({ id: row.upgradePlanId })}
              variant="caption"
            >
              {t('upgrades.rollbackDrill')}
            </Link>
          )}
          {row.findings && (
            <Typography variant="caption" color="textSecondary">
              {row.findings}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: t('upgrades.drillColumns.participants'),
      field: 'participants',
      render: row => row.participants.join(', '),
    },
    {
      title: t('upgrades.drillColumns.recovery'),
      field: 'recoveryMinutes',
      render: row => (
        <span data-testid={`drill-recovery-${row.id}`}>
          {t('upgrades.recoveryFigures', {
            recovery: `${row.recoveryMinutes}`,
            target: `${row.targetMinutes}`,
          })}
        </span>
      ),
    },
    {
      title: t('upgrades.drillColumns.result'),
      field: 'passed',
      render: row => <DrillResultChip passed={row.passed} />,
    },
  ];

  return (
    <Table<DrillRecord>
      options={listOptions({
        pageSize: 10,
        rows: props.drills.length,
        dense: true,
      })}
      columns={columns}
      data={props.drills}
      emptyContent={<EmptyRows text={props.emptyText} />}
    />
  );
}
