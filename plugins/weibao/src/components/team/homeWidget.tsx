import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';
import { TeamHomeCardContent } from './TeamHomeCard';

/** The home card's action: a link to the team view. */
export function TeamHomeCardActions() {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const weibaoLink = useRouteRef(rootRouteRef);
  return <Link to={weibaoLink?.() ?? '/weibao'}>{t('team.openTeamView')}</Link>;
}

/**
 * The parts of the team home card for the home plugin's card frame (`createCardExtension`
 * in the legacy frontend system, `HomePageWidgetBlueprint` in the new one).
 */
export const teamHomeCardParts = {
  Content: (props?: { limit?: number }) => (
    <TeamHomeCardContent limit={props?.limit} />
  ),
  Actions: TeamHomeCardActions,
};
