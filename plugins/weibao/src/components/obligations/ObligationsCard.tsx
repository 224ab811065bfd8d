import { InfoCard } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isMaintenanceContractEntity,
  type ObligationGroup,
} from '@weibao/plugin-weibao-common';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import type { ObligationGroupQuery, ObligationQuery } from '../../api';
import { AsyncCard } from '../../lib/AsyncCard';
import { weibaoTranslationRef } from '../../translation';
import { DutyGroups } from './DutyGroups';
import { OccurrencesByState } from './OccurrencesByState';

/** The filter of the entity's duties: a contract's own, or those concerning a system. */
function queryOf(
  entity: ReturnType<typeof useEntity>['entity'],
): ObligationGroupQuery | undefined {
  const ref = stringifyEntityRef(entity);
  if (isMaintenanceContractEntity(entity)) return { contractRef: ref };
  if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
    return { systemRef: ref };
  }
  return undefined;
}

/** The occurrences of one group: its contract's duty, on its system or on the whole contract. */
export function occurrencesQueryOf(group: ObligationGroup): ObligationQuery {
  return {
    contractRef: group.contractRef,
    obligationId: group.obligationId,
    // the duty's own occurrences, or only its follow-ups (the written reports)
    followUp: group.followUp ?? 'none',
    ...(group.systemRef
      ? { systemRef: group.systemRef, scope: 'system' as const }
      : { scope: 'contract' as const }),
  };
}

/**
 * The duties of a hospital system (its own, and its contracts' as a whole, apart) or of a
 * maintenance contract, grouped by duty with how many occurrences are in each state ("Backup ·
 * Daily · 270 overdue · 3 due soon"), worst first. A group, or several selected, are completed
 * or waived at once; a group opens on its occurrences. One backend call (the groups); the counts
 * reload after a change.
 *
 * @public
 */
export function ObligationsCard() {
  const { entity } = useEntity();
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const scope = queryOf(entity);
  const scopeKey = JSON.stringify(scope);
  const state = useAsyncRetry(async () => {
    if (!scope) return undefined;
    return api.listObligationGroups(scope);
  }, [api, scopeKey]);

  if (!scope) {
    return (
      <InfoCard title={t('obligationsCard.title')}>
        <Typography>{t('obligationsCard.notApplicable')}</Typography>
      </InfoCard>
    );
  }
  return (
    <AsyncCard
      title={t('obligationsCard.title')}
      state={state}
      // keep the groups while reloading after a change, so the card does not jump
      keepWhileReloading
    >
      {list => (
        <DutyGroups
          groups={list.groups}
          systemRef={scope.systemRef}
          onChanged={state.retry}
          renderOccurrences={group => (
            <OccurrencesByState
              query={occurrencesQueryOf(group)}
              onChanged={state.retry}
            />
          )}
        />
      )}
    </AsyncCard>
  );
}
