import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isMaintenanceContractEntity,
  type ObligationOccurrence,
} from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import type { ObligationQuery } from '../../api';
import { AsyncCard } from '../../lib/AsyncCard';
import { useWeibaoFormat } from '../../lib/format';
import { obligationRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';
import { ObligationActions } from './ObligationActions';
import { ObligationStateChip, useObligationName } from './obligationText';

/**
 * How many occurrences of each open state one call fetches, soonest due first: however many
 * are overdue, the due and upcoming ones still show.
 */
const SHOWN_PER_STATE = 20;
const GROUPS = ['overdue', 'due', 'upcoming'] as const;

/** The filter of the entity's obligations: a contract's own, or those concerning a system. */
function queryOf(entity: ReturnType<typeof useEntity>['entity']) {
  const ref = stringifyEntityRef(entity);
  if (isMaintenanceContractEntity(entity)) return { contractRef: ref };
  if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
    return { systemRef: ref };
  }
  return undefined;
}

/** The facts under an occurrence's name: due time, follow-up, holiday, sequence, scenarios. */
function OccurrenceFacts(props: { occurrence: ObligationOccurrence }) {
  const { occurrence: o } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const format = useWeibaoFormat();
  const left = Date.parse(o.dueAt) - Date.now();
  const facts = [
    `${t('obligationsCard.due', { time: format.instant(o.dueAt) })} (${
      left < 0
        ? t('obligationsCard.overdueBy', { duration: format.duration(left) })
        : t('obligationsCard.dueIn', { duration: format.duration(left) })
    })`,
    o.followUpKind &&
      t('obligationsCard.followUpOf', {
        followUp: t(`obligationFollowUps.${o.followUpKind}`),
      }),
    o.holiday && t('obligationsCard.holiday', { holiday: o.holiday }),
    o.provisional && t('obligationsCard.provisional'),
    o.count !== null &&
      t('obligationsCard.sequence', {
        sequence: `${o.sequence}`,
        total: `${o.count}`,
      }),
    o.scenarios.length > 0 &&
      t('obligationsCard.scenarios', { scenarios: o.scenarios.join(', ') }),
    o.description,
  ].filter(Boolean);
  return (
    <>
      {facts.map(fact => (
        <Typography key={fact as string} variant="body2" component="span">
          {fact}
          <br />
        </Typography>
      ))}
    </>
  );
}

/**
 * The obligations of a hospital system (its own and its contract's) or of a maintenance
 * contract: overdue, due soon (within the backend's lead time) and the next upcoming, each
 * linking to its page, with Complete and Waive. One backend call; reloads after a change.
 *
 * @public
 */
export function ObligationsCard() {
  const { entity } = useEntity();
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const nameOf = useObligationName();
  const obligationLink = useRouteRef(obligationRouteRef);
  const scope = queryOf(entity);
  const scopeKey = JSON.stringify(scope);
  const state = useAsyncRetry(async () => {
    if (!scope) return undefined;
    const query: ObligationQuery = {
      ...scope,
      // open ones only: the first of each state, soonest due first, and how many of each
      state: [...GROUPS],
      perState: SHOWN_PER_STATE,
    };
    return api.listObligations(query);
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
      // keep the list while reloading after a change, so the card does not jump
      keepWhileReloading
    >
      {list => (
        <>
          {list.items.length === 0 && (
            <Typography data-testid="obligations-empty">
              {t('obligationsCard.empty')}
            </Typography>
          )}
          {GROUPS.map(group => {
            const items = list.items.filter(o => o.state === group);
            if (!items.length) return null;
            const count = list.stateCounts?.[group] ?? items.length;
            return (
              <Box
                key={group}
                mb={2}
                data-testid={`obligations-group-${group}`}
              >
                <Typography variant="subtitle1">
                  {t(`obligationsCard.groups.${group}`)} ({count})
                </Typography>
                <List dense disablePadding>
                  {items.map(o => (
                    <ListItem
                      key={o.id}
                      divider
                      data-testid="obligation-row"
                      data-obligation-id={o.id}
                    >
                      <ListItemText
                        primary={
                          <Box
                            display="flex"
                            alignItems="center"
                            style={{ gap: 8 }}
                          >
                            <Link to={obligationLink({ id: o.id })}>
                              {nameOf(o)}
                            </Link>
                            <ObligationStateChip occurrence={o} />
                          </Box>
                        }
                        secondary={<OccurrenceFacts occurrence={o} />}
                      />
                      <ObligationActions
                        occurrence={o}
                        onChanged={state.retry}
                      />
                    </ListItem>
                  ))}
                </List>
                {count > items.length && (
                  <Typography variant="caption">
                    {t('obligationsCard.more', {
                      shown: `${items.length}`,
                      total: `${count}`,
                    })}
                  </Typography>
                )}
              </Box>
            );
          })}
        </>
      )}
    </AsyncCard>
  );
}
