import { useMemo, useRef, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import type { ObligationGroup } from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
import type { Choice } from '../../lib/formFields';
import { weibaoTranslationRef } from '../../translation';
import {
  DutyFilters,
  DutyFilterValues,
  emptyDutyFilters,
  groupQueryOf,
  occurrenceQueryOf,
} from './DutyFilters';
import { DutyGroups, groupKey } from './DutyGroups';
import { DutyOccurrencesTable } from './DutyOccurrencesTable';
import { occurrencesQueryOf } from './ObligationsCard';
import { useDutyName } from './obligationText';

/** Choices of entity refs, each shown by its catalog name. */
const byName = (refs: Iterable<string>): Choice[] =>
  [...new Set(refs)]
    .sort()
    .map(ref => ({ value: ref, label: <EntityDisplayName entityRef={ref} /> }));

/**
 * Every duty the user may see (the Weibao page's Duties tab): filters (contract, system, team,
 * duty, state, due time range); the duties grouped with their counts, most overdue first, each
 * completed or waived at once; below, the occurrences of the filters or of the group opened, a
 * page at a time, selected and completed or waived together.
 *
 * @public
 */
export function DutiesPage() {
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const dutyName = useDutyName();
  const [filters, setFilters] = useState<DutyFilterValues>(emptyDutyFilters);
  const [openGroup, setOpenGroup] = useState<ObligationGroup | undefined>();
  const [refreshKey, setRefreshKey] = useState(0);
  const groupQuery = groupQueryOf(filters);
  const groupQueryKey = JSON.stringify(groupQuery);

  // the systems and teams the filters offer, by name
  const systems = useAsync(() => api.listHospitalSystems(), [api]);
  const groups = useAsyncRetry(
    () => api.listObligationGroups(groupQuery),
    [api, groupQueryKey],
  );
  /** Every contract seen in the groups so far: filtering by one keeps the others offered. */
  const contractsSeen = useRef(new Set<string>());
  for (const g of groups.value?.groups ?? []) {
    contractsSeen.current.add(g.contractRef);
  }
  const systemItems = systems.value?.items;
  const systemChoices = useMemo(
    () =>
      (systemItems ?? []).map(s => ({
        value: s.entityRef,
        label: s.title ?? <EntityDisplayName entityRef={s.entityRef} />,
      })),
    [systemItems],
  );
  const ownerChoices = useMemo(
    () => byName((systemItems ?? []).map(s => s.owner).filter(Boolean)),
    [systemItems],
  );

  const occurrences = openGroup
    ? { ...occurrenceQueryOf(filters), ...occurrencesQueryOf(openGroup) }
    : occurrenceQueryOf(filters);
  const changed = () => {
    groups.retry();
    setRefreshKey(k => k + 1);
  };
  const changeFilters = (next: DutyFilterValues) => {
    setFilters(next);
    setOpenGroup(undefined);
  };

  return (
    <Box data-testid="duties-page">
      <DutyFilters
        value={filters}
        onChange={changeFilters}
        contracts={byName(contractsSeen.current)}
        systems={systemChoices}
        owners={ownerChoices}
      />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title={t('dutiesPage.groupsTitle')}>
            <AsyncContent state={groups} keepWhileReloading>
              {list => (
                <DutyGroups
                  groups={list.groups}
                  systemRef={filters.systemRef || undefined}
                  onChanged={changed}
                  onOpen={g => setOpenGroup(g)}
                  openKey={openGroup ? groupKey(openGroup) : undefined}
                />
              )}
            </AsyncContent>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title={
              openGroup
                ? t('dutiesPage.occurrencesOf', { name: dutyName(openGroup) })
                : t('dutiesPage.occurrencesTitle')
            }
            action={
              openGroup && (
                <Button size="small" onClick={() => setOpenGroup(undefined)}>
                  {t('dutiesPage.allOccurrences')}
                </Button>
              )
            }
          >
            <DutyOccurrencesTable
              query={occurrences}
              refreshKey={refreshKey}
              onChanged={changed}
            />
          </InfoCard>
        </Grid>
      </Grid>
    </Box>
  );
}
