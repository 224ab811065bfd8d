import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { UPGRADE_GATES, UpgradePlan } from '@weibao/plugin-weibao-common';
import { EvidenceLink } from '../../lib/EvidenceLink';
import { useWeibaoFormat } from '../../lib/format';
import { weibaoTranslationRef } from '../../translation';
import { ActorName } from './UpgradeChips';

/**
 * The five gates before production, in order, each with its evidence (note, link, who, when)
 * or "missing". Each row carries `data-testid="gate-<gate>"` and `data-gate-state`.
 */
export function PlanGatesCard(props: { plan: UpgradePlan }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  return (
    <InfoCard title={t('upgrades.page.gatesTitle')}>
      <List dense disablePadding>
        {UPGRADE_GATES.map((gate, i) => {
          const evidence = props.plan.gates[gate];
          return (
            <ListItem
              key={gate}
              disableGutters
              data-testid={`gate-${gate}`}
              data-gate-state={evidence ? 'met' : 'missing'}
            >
              <ListItemText
                primary={`${i + 1}. ${t(`upgrades.gates.${gate}`)}`}
                secondaryTypographyProps={{ component: 'div' }}
                secondary={
                  evidence ? (
                    <>
                      <Typography variant="body2" color="textPrimary">
                        {evidence.note}
                      </Typography>
                      {evidence.link && (
                        <EvidenceLink url={evidence.link} variant="caption" />
                      )}
                      <Typography variant="caption" component="div">
                        <ActorName actor={evidence.by} />
                        {`, ${format.instant(evidence.at)}`}
                      </Typography>
                    </>
                  ) : (
                    <Typography variant="body2" color="error">
                      {t('upgrades.page.gateMissing')}
                    </Typography>
                  )
                }
              />
            </ListItem>
          );
        })}
      </List>
    </InfoCard>
  );
}

/** The rollback plan (回退预案): trigger criteria, steps, expected time, the backup taken. */
export function RollbackPlanCard(props: { plan: UpgradePlan }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const rollback = props.plan.rollbackPlan;
  return (
    <InfoCard title={t('upgrades.page.rollbackPlanTitle')}>
      {rollback ? (
        <div data-testid="rollback-plan">
          <StructuredMetadataTable
            dense
            options={{ titleFormat: (key: string) => key }}
            metadata={{
              [t('upgrades.page.triggerCriteria')]: rollback.triggerCriteria,
              [t('upgrades.page.steps')]: (
                <ol style={{ margin: 0, paddingLeft: 20 }}>
                  {rollback.steps.map((step, i) => (
                    <li key={i}>{step}</li>
                  ))}
                </ol>
              ),
              [t('upgrades.page.expectedRollback')]: t('upgrades.minutes', {
                minutes: `${rollback.expectedRollbackMinutes}`,
              }),
              [t('upgrades.page.backupTaken')]: t('upgrades.page.backupText', {
                at: format.instant(rollback.backupTaken.at),
                note: rollback.backupTaken.note,
              }),
            }}
          />
        </div>
      ) : (
        <Typography color="textSecondary">
          {t('upgrades.page.noRollbackPlan')}
        </Typography>
      )}
    </InfoCard>
  );
}
