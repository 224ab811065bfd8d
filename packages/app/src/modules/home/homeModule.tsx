import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

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

/**
 * The showcase's own welcome text. Weibao's team widget (`WeibaoTeam`) comes from
 * `weibaoHomeModule` of `@weibao/plugin-weibao/alpha`.
 */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [welcomeWidget],
});
