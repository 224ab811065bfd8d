import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { WEIBAO_RELATION_PAIRS } from '@weibao/plugin-weibao-common';

/**
 * The catalog graph, taught Weibao's relations (a contract covers systems, is with a
 * hospital, is provided by a vendor) so that it draws them.
 */
const catalogGraphApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: catalogGraphApiRef,
      deps: {},
      factory: () =>
        new DefaultCatalogGraphApi({
          knownRelations: [...ALL_RELATIONS, ...WEIBAO_RELATION_PAIRS.flat()],
          knownRelationPairs: [...ALL_RELATION_PAIRS, ...WEIBAO_RELATION_PAIRS],
          defaultRelationTypes: { exclude: [] },
        }),
    }),
});

export const catalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [catalogGraphApi],
});
