import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { UpgradePlan } from '@weibao/plugin-weibao-common';
import { useWeibaoFormat } from '../../lib/format';
import { weibaoTranslationRef } from '../../translation';
import { ActorName } from './UpgradeChips';

/** What the plan is: system, versions, architecture, scope, window, people, and how it ended. */
export function PlanSummaryCard(props: { plan: UpgradePlan }) {
  const { plan } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const metadata: Record<string, React.ReactNode> = {
    [t('upgrades.page.system')]: <EntityRefLink entityRef={plan.systemRef} />,
    [t('upgrades.page.hospital')]: (
      <EntityRefLink entityRef={plan.hospitalRef} />
    ),
    [t('upgrades.page.owner')]: <EntityRefLink entityRef={plan.ownerRef} />,
    [t('upgrades.page.versions')]: t('upgrades.versions', {
      from: plan.fromVersion,
      to: plan.toVersion,
    }),
    [t('upgrades.page.architecture')]: plan.architecture,
    [t('upgrades.page.scope')]: plan.scope
      .map(s => t(`upgrades.scopes.${s}`))
      .join(', '),
    [t('upgrades.page.window')]: (
      <span data-testid="plan-window">
        {t('upgrades.windowRange', {
          start: format.instant(plan.window.start),
          end: format.instant(plan.window.end),
        })}
        {' · '}
        {t('upgrades.downtime', {
          minutes: `${plan.window.expectedDowntimeMinutes}`,
        })}
      </span>
    ),
  };
  if (plan.windowOverride) {
    metadata[t('upgrades.page.windowOverride')] = t(
      'upgrades.page.overrideBy',
      {
        reason: plan.windowOverride.reason,
        by: plan.windowOverride.by,
        at: format.instant(plan.windowOverride.at),
      },
    );
  }
  metadata[t('upgrades.page.responsible')] = plan.responsible.join(', ');
  metadata[
    t('upgrades.page.hospitalContact')
  ] = `${plan.hospitalContact.name} (${plan.hospitalContact.contact})`;
  metadata[t('upgrades.page.createdBy')] = <ActorName actor={plan.createdBy} />;
  if (plan.startedAt) {
    metadata[t('upgrades.page.started')] = format.instant(plan.startedAt);
  }
  if (plan.completedAt) {
    metadata[t('upgrades.page.completed')] = format.instant(plan.completedAt);
  }
  if (plan.verification) {
    metadata[t('upgrades.page.verification')] = t(
      'upgrades.page.verificationText',
      {
        functionalTest: plan.verification.functionalTest,
        dataCheck: plan.verification.dataCheck,
        by: plan.verification.by,
        at: format.instant(plan.verification.at),
      },
    );
  }
  if (plan.rollback) {
    metadata[t('upgrades.page.rollback')] = t('upgrades.page.rollbackText', {
      reason: plan.rollback.reason,
      minutes: `${plan.rollback.durationMinutes}`,
      by: plan.rollback.by,
      at: format.instant(plan.rollback.at),
    });
  }
  if (plan.cancelled) {
    metadata[t('upgrades.page.cancelled')] = t('upgrades.page.cancelledText', {
      reason: plan.cancelled.reason,
      by: plan.cancelled.by,
      at: format.instant(plan.cancelled.at),
    });
  }
  return (
    <InfoCard title={t('upgrades.page.summaryTitle')}>
      <StructuredMetadataTable
        dense
        metadata={metadata}
        options={{ titleFormat: (key: string) => key }}
      />
    </InfoCard>
  );
}
