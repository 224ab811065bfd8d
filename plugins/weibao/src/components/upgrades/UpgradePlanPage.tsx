import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useRouteRefParams } from '@backstage/core-plugin-api';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type {
  UpgradeActionType,
  UpgradePlanDetail,
} from '@weibao/plugin-weibao-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
import { upgradePlanRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';
import { DrillsTable } from './DrillsTable';
import { PlanGatesCard, RollbackPlanCard } from './PlanEvidence';
import { PlanHistoryCard } from './PlanHistoryCard';
import { PlanSummaryCard } from './PlanSummaryCard';
import { RecordDrillDialog } from './RecordDrillDialog';
import { UpgradeActionDialog } from './UpgradeActionDialog';
import { UpgradeStatusChip } from './UpgradeChips';

/**
 * One upgrade plan at `/weibao/upgrades/:id`: its five gates with their evidence, the rollback
 * plan, the drills that rehearsed it, its history, and a button for each action its state
 * allows. One backend call. Renders no page frame: the Weibao page puts it in one.
 *
 * @public
 */
export function UpgradePlanPage() {
  const { id } = useRouteRefParams(upgradePlanRouteRef);
  const api = useApi(weibaoApiRef);
  const state = useAsyncRetry(() => api.getUpgradePlan(id), [api, id]);
  return (
    <AsyncContent state={state} keepWhileReloading>
      {plan => <UpgradePlanView plan={plan} onChanged={state.retry} />}
    </AsyncContent>
  );
}

/** The plan's cards and actions, once loaded; `onChanged` reloads it after an action or a drill. */
function UpgradePlanView(props: {
  plan: UpgradePlanDetail;
  onChanged: () => void;
}) {
  const { plan, onChanged: retry } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const [action, setAction] = useState<UpgradeActionType | undefined>();
  const [recording, setRecording] = useState(false);

  return (
    <div data-testid="upgrade-plan-page">
      <Box display="flex" alignItems="center" mb={2} style={{ gap: 16 }}>
        <Typography variant="h4" component="h1">
          {plan.title}
        </Typography>
        <UpgradeStatusChip status={plan.status} />
      </Box>
      <Box
        display="flex"
        flexWrap="wrap"
        mb={3}
        style={{ gap: 8 }}
        data-testid="upgrade-actions"
      >
        {plan.allowedActions.length ? (
          plan.allowedActions.map(type => (
            <Button
              key={type}
              variant={
                type === 'cancel' || type === 'roll-back'
                  ? 'outlined'
                  : 'contained'
              }
              color={
                type === 'cancel' || type === 'roll-back'
                  ? 'secondary'
                  : 'primary'
              }
              onClick={() => setAction(type)}
              data-testid={`upgrade-action-${type}`}
            >
              {t(`upgrades.actions.${type}`)}
            </Button>
          ))
        ) : (
          <Typography color="textSecondary">
            {t('upgrades.page.noActions', {
              status: t(`upgrades.status.${plan.status}`),
            })}
          </Typography>
        )}
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <PlanSummaryCard plan={plan} />
        </Grid>
        <Grid item xs={12} md={6}>
          <PlanGatesCard plan={plan} />
        </Grid>
        <Grid item xs={12} md={6}>
          <RollbackPlanCard plan={plan} />
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard
            title={t('upgrades.page.drillsTitle')}
            noPadding
            action={
              <Button
                color="primary"
                variant="outlined"
                onClick={() => setRecording(true)}
              >
                {t('upgrades.page.recordRollbackDrill')}
              </Button>
            }
          >
            <DrillsTable
              drills={plan.drills}
              emptyText={t('upgrades.page.noDrills')}
              hidePlanLinks
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <PlanHistoryCard history={plan.history} />
        </Grid>
      </Grid>
      {action && (
        <UpgradeActionDialog
          plan={plan}
          action={action}
          onClose={() => setAction(undefined)}
          onDone={() => {
            setAction(undefined);
            retry();
          }}
        />
      )}
      {recording && (
        <RecordDrillDialog
          systemRef={plan.systemRef}
          upgradePlanId={plan.id}
          onClose={() => setRecording(false)}
          onRecorded={() => {
            setRecording(false);
            retry();
          }}
        />
      )}
    </div>
  );
}
