import { ReactNode } from 'react';
import {
  Content,
  Header,
  Link,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import { Route, Routes } from 'react-router-dom';
import { rootRouteRef } from '../../routes';
import { weibaoTranslationRef } from '../../translation';
import { TeamCalendarPage } from '../calendar';
import { HospitalSystemsPage } from '../HospitalSystemsPage';
import { IncidentPage, IncidentsPage } from '../incidents';
import { DutiesPage, ObligationPage } from '../obligations';
import { TeamOverviewPage } from '../team';
import { UpgradePlanPage } from '../upgrades';

/** A record's own page (an incident, an obligation, an upgrade plan): header and a way back. */
function RecordFrame(props: { children: ReactNode }) {
  const { t } = useTranslationRef(weibaoTranslationRef);
  const root = useRouteRef(rootRouteRef);
  return (
    <Page themeId="tool">
      <Header title={t('page.title')} subtitle={t('page.subtitle')} />
      <Content>
        <Box mb={2}>
          <Link to={root()}>{t('page.back')}</Link>
        </Box>
        {props.children}
      </Content>
    </Page>
  );
}

/**
 * The Weibao page (`/weibao`): the team view, every incident, every duty and every hospital
 * system as tabs, and the pages of single records that notifications and cards link to.
 *
 * @public
 */
export function WeibaoPage() {
  const { t } = useTranslationRef(weibaoTranslationRef);
  return (
    <Routes>
      <Route
        path="/incidents/:id"
        element={
          <RecordFrame>
            <IncidentPage />
          </RecordFrame>
        }
      />
      <Route
        path="/obligations/:id"
        element={
          <RecordFrame>
            <ObligationPage />
          </RecordFrame>
        }
      />
      <Route
        path="/upgrades/:id"
        element={
          <RecordFrame>
            <UpgradePlanPage />
          </RecordFrame>
        }
      />
      <Route
        path="/*"
        element={
          <Page themeId="tool">
            <Header title={t('page.title')} subtitle={t('page.subtitle')} />
            <TabbedLayout>
              <TabbedLayout.Route path="/" title={t('page.tabs.team')}>
                <TeamOverviewPage />
              </TabbedLayout.Route>
              <TabbedLayout.Route
                path="/incidents"
                title={t('page.tabs.incidents')}
              >
                <IncidentsPage />
              </TabbedLayout.Route>
              <TabbedLayout.Route path="/duties" title={t('page.tabs.duties')}>
                <DutiesPage />
              </TabbedLayout.Route>
              <TabbedLayout.Route path="/calendar" title={t('calendar.tab')}>
                <TeamCalendarPage />
              </TabbedLayout.Route>
              <TabbedLayout.Route
                path="/systems"
                title={t('page.tabs.systems')}
              >
                <HospitalSystemsPage />
              </TabbedLayout.Route>
            </TabbedLayout>
          </Page>
        }
      />
    </Routes>
  );
}
