import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  CatalogGraphApi,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { WEIBAO_RELATION_PAIRS } from '@weibao/plugin-weibao-common';

/**
 * Every relation the catalog graph knows, Backstage's and Weibao's: a contract `covers`
 * hospital systems (`coveredBy`), is made `contractWith` a hospital (`hasContract`), is
 * `providedBy` a vendor team (`providerOf`). Without them the graph draws none of Weibao's
 * edges. Pass as `relations` to `EntityCatalogGraphCard` or `CatalogGraphPage`.
 *
 * @public
 */
export const weibaoCatalogGraphRelations: string[] = [
  ...new Set([...ALL_RELATIONS, ...WEIBAO_RELATION_PAIRS.flat()]),
];

/**
 * Backstage's relation pairs and Weibao's (each relation with its reverse), so that the
 * catalog graph draws one edge per pair. Pass as `relationPairs` to `EntityCatalogGraphCard`
 * or `CatalogGraphPage`.
 *
 * @public
 */
export const weibaoCatalogGraphRelationPairs: [string, string][] = [
  ...ALL_RELATION_PAIRS,
  ...WEIBAO_RELATION_PAIRS.map(([a, b]): [string, string] => [a, b]),
];

/**
 * The catalog graph's API knowing Weibao's relations and drawing all relations by default:
 * for `catalogGraphApiRef` in an app's APIs (legacy frontend system), so that every graph of
 * the app draws Weibao's edges. The new frontend system installs `weibaoCatalogGraphModule`
 * from `@weibao/plugin-weibao/alpha` instead.
 *
 * @public
 */
export function createWeibaoCatalogGraphApi(): CatalogGraphApi {
  return new DefaultCatalogGraphApi({
    knownRelations: weibaoCatalogGraphRelations,
    knownRelationPairs: weibaoCatalogGraphRelationPairs,
    defaultRelationTypes: { exclude: [] },
  });
}
