import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ObligationOccurrence } from '@weibao/plugin-weibao-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { weibaoApiRef } from '../../api';
import type { ObligationQuery } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
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
 * The open occurrences of some duties (a query of `GET /obligations`: a system's, a contract's,
 * or one duty's): overdue, due soon (within the backend's lead time) and the next upcoming, each
 * linking to its page, with Complete and Waive. One backend call; reloads after a change, and
 * calls `onChanged` (e.g. to reload the counts around it).
 */
export function OccurrencesByState(props: {
  query: Omit<ObligationQuery, 'state' | 'perState' | 'limit' | 'cursor'>;
  onChanged?: () => void;
}) {
  const { query: scope, onChanged } = props;
  const api = useApi(weibaoApiRef);
  const { t } = useTranslationRef(weibaoTranslationRef);
  const nameOf = useObligationName();
  const obligationLink = useRouteRef(obligationRouteRef);
  const scopeKey = JSON.stringify(scope);
  const state = useAsyncRetry(async () => {
    const query: ObligationQuery = {
      ...scope,
      // open ones only: the first of each state, soonest due first, and how many of each
      state: [...GROUPS],
      perState: SHOWN_PER_STATE,
    };
    return api.listObligations(query);
  }, [api, scopeKey]);
  const changed = () => {
    state.retry();
    onChanged?.();
  };

  return (
    // keep the list while reloading after a change, so the view does not jump
    <AsyncContent state={state} keepWhileReloading>
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
                      <ObligationActions occurrence={o} onChanged={changed} />
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
    </AsyncContent>
  );
}
