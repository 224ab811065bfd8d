import { useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type { UpgradePlan } from '@weibao/plugin-weibao-common';
import { Link as RouterLink } from 'react-router-dom';
import useAsyncRetry, {
  type AsyncStateRetry,
} from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
import { useWeibaoFormat } from '../../lib/format';
import { upgradePlanRouteRef } from '../../routes';
import { EmptyRows, listOptions } from '../../lib/tables';
import { weibaoTranslationRef } from '../../translation';
import { DrillsTable } from './DrillsTable';
import { PlanUpgradeDialog } from './PlanUpgradeDialog';
import { RecordDrillDialog } from './RecordDrillDialog';
import { UpgradeStatusChip } from './UpgradeChips';

/** The plans of one system: status, window, versions, missing gates; one backend call. */
function UpgradePlansCard(props: {
  systemRef: string;
  plans: AsyncStateRetry<UpgradePlan[]>;
}) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const planLink = useRouteRef(upgradePlanRouteRef);
  const [planning, setPlanning] = useState(false);
  const { retry } = props.plans;

  const columns: TableColumn<UpgradePlan>[] = [
    {
      title: t('upgrades.columns.title'),
      field: 'title',
      render: row => (
        <Link component={RouterLink} to={planLink({ id: row.id })}>
          {row.title}
        </Link>
      ),
    },
    {
      title: t('upgrades.columns.status'),
      field: 'status',
      render: row => <UpgradeStatusChip status={row.status} />,
    },
    {
      title: t('upgrades.columns.window'),
      field: 'window.start',
      render: row => (
        <>
          <Typography variant="body2">
            {t('upgrades.windowRange', {
              start: format.instant(row.window.start),
              end: format.instant(row.window.end),
            })}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {t('upgrades.downtime', {
              minutes: `${row.window.expectedDowntimeMinutes}`,
            })}
          </Typography>
        </>
      ),
    },
    {
      title: t('upgrades.columns.versions'),
      field: 'toVersion',
      render: row =>
        t('upgrades.versions', { from: row.fromVersion, to: row.toVersion }),
    },
    {
      title: t('upgrades.columns.missingGates'),
      field: 'missingGates',
      render: row => (
        <span data-testid={`plan-missing-gates-${row.id}`}>
          {row.missingGates.length
            ? row.missingGates.map(g => t(`upgrades.gates.${g}`)).join(', ')
            : t('upgrades.allGatesMet')}
        </span>
      ),
    },
  ];

  return (
    <InfoCard
      title={t('upgrades.plansTitle')}
      action={
        <Button
          color="primary"
          variant="outlined"
          onClick={() => setPlanning(true)}
        >
          {t('upgrades.planUpgrade')}
        </Button>
      }
      noPadding
    >
      <AsyncContent state={props.plans} keepWhileReloading>
        {plans => (
          <Table<UpgradePlan>
            options={listOptions({ pageSize: 10, rows: plans.length })}
            columns={columns}
            data={plans}
            emptyContent={<EmptyRows text={t('upgrades.plansEmpty')} />}
          />
        )}
      </AsyncContent>
      {planning && (
        <PlanUpgradeDialog
          systemRef={props.systemRef}
          onClose={() => setPlanning(false)}
          onPlanned={() => {
            setPlanning(false);
            retry();
          }}
        />
      )}
    </InfoCard>
  );
}

/**
 * The Upgrades tab of a hospital system (a Component): its upgrade plans (升级方案) with a
 * `Plan upgrade` form, and its drills (应急演练) with a `Record drill` form. One backend call
 * per card.
 *
 * @public
 */
export function EntityUpgradesContent() {
  const { entity } = useEntity();
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const systemRef = stringifyEntityRef(entity);
  const [recording, setRecording] = useState(false);

  const plans = useAsyncRetry(
    async () => (await api.listUpgradePlans({ systemRef })).items,
    [api, systemRef],
  );
  const drills = useAsyncRetry(
    async () => (await api.listDrills({ systemRef })).items,
    [api, systemRef],
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <UpgradePlansCard systemRef={systemRef} plans={plans} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={t('upgrades.drillsTitle')}
          action={
            <Button
              color="primary"
              variant="outlined"
              onClick={() => setRecording(true)}
            >
              {t('upgrades.recordDrill')}
            </Button>
          }
          noPadding
        >
          <AsyncContent state={drills} keepWhileReloading>
            {items => (
              <DrillsTable
                drills={items}
                emptyText={t('upgrades.drillsEmpty')}
              />
            )}
          </AsyncContent>
        </InfoCard>
        {recording && (
          <RecordDrillDialog
            systemRef={systemRef}
            plans={(plans.value ?? []).map(p => ({ id: p.id, title: p.title }))}
            onClose={() => setRecording(false)}
            onRecorded={() => {
              setRecording(false);
              drills.retry();
            }}
          />
        )}
      </Grid>
    </Grid>
  );
}
