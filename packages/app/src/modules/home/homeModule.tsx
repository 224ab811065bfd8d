import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Weibao 维保

Maintenance of hospital information systems under contract.

- **[Hospital systems](/weibao)**: every system your teams maintain, by hospital.
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

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [welcomeWidget],
});
