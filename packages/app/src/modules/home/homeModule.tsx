import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';
import { TeamHomeCardContent } from '@weibao/plugin-weibao';

const content = `
## Weibao 维保

Maintenance of hospital information systems under contract.

- **[Weibao](/weibao)**: your teams' systems at risk first, incidents with their contract
  clocks, every hospital system.
- **[Catalog](/catalog)**: hospitals (Systems), their installed systems (Components), teams.
- **[Entities that failed processing](/catalog-unprocessed-entities)**: why a contract or
  system YAML did not load.
`;

const welcomeWidget = HomePageWidgetBlueprint.make({
  name: 'weibao-welcome',
  params: {
    name: 'WeibaoWelcome',
    title: 'Weibao 维保',
    description: 'Where to find hospital systems and contracts',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

const teamWidget = HomePageWidgetBlueprint.make({
  name: 'weibao-team',
  params: {
    name: 'WeibaoTeam',
    title: 'My teams’ systems 我的团队维保的系统',
    description:
      "Your teams' hospital systems needing attention, at risk first",
    components: async () => ({
      Content: () => <TeamHomeCardContent />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [welcomeWidget, teamWidget],
});
