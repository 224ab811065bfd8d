import { InfoCard, Link } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { TeamOverview } from '@weibao/plugin-weibao-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { weibaoApiRef } from '../../api';
import { AsyncContent } from '../../lib/AsyncCard';
import { rootRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';
import { RiskChip } from './RiskChip';
import { TeamTotals } from './TeamOverviewPage';

/**
 * The body of the home-page card: the signed-in user's teams' totals and the systems needing
 * attention (anything but "ok"), at risk first. One backend call. For home pages that draw
 * the card frame themselves (the new frontend system's home widgets).
 *
 * @public
 */
export function TeamHomeCardContent(props: { limit?: number }) {
  const api = useApi(weibaoApiRef);
  const state = useAsync(() => api.getTeamOverview(), [api]);
  const limit = props.limit ?? 5;
  return (
    <AsyncContent state={state}>
      {overview => <TeamAttention overview={overview} limit={limit} />}
    </AsyncContent>
  );
}

/** The teams' totals and the first `limit` systems needing attention. */
function TeamAttention(props: { overview: TeamOverview; limit: number }) {
  const { overview, limit } = props;
  const { t } = useTranslationRef(weibaoTranslationRef);
  const attention = overview.systems.filter(s => s.risk !== 'ok');
  return (
    <>
      <TeamTotals overview={overview} />
      {attention.length === 0 ? (
        <Typography>{t('team.allClear')}</Typography>
      ) : (
        <List dense>
          {attention.slice(0, limit).map(s => (
            <ListItem key={s.systemRef}>
              <ListItemIcon>
                <RiskChip risk={s.risk} />
              </ListItemIcon>
              <ListItemText
                primary={
                  <EntityRefLink entityRef={s.systemRef} title={s.title} />
                }
                secondary={s.hospitalTitle ?? s.hospitalRef}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

/**
 * Home-page card: the signed-in user's teams' totals and the systems needing attention
 * (anything but "ok"), at risk first, with a link to the team view. One backend call.
 *
 * @public
 */
export function TeamHomeCard(props: { limit?: number }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const weibaoLink = useRouteRef(rootRouteRef);
  const link = weibaoLink?.();
  return (
    <InfoCard
      title={t('team.homeCardTitle')}
      deepLink={link ? { title: t('team.openTeamView'), link } : undefined}
    >
      <TeamHomeCardContent limit={props.limit} />
      {link ? null : (
        <Typography variant="caption">
          <Link to="/weibao">{t('team.openTeamView')}</Link>
        </Typography>
      )}
    </InfoCard>
  );
}
