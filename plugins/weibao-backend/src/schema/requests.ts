import type { Request } from '@backstage/backend-openapi-utils';
import type { spec } from './openapi.generated';

/*
 * The request bodies the services take, typed from the OpenAPI spec (the
 * validated router has checked them against it before any handler runs).
 */

type Spec = typeof spec;

export type UpgradePlanRequest = Request<Spec, '/upgrade-plans', 'post'>;
export type UpgradeActionRequest = Request<
  Spec,
  '/upgrade-plans/:id/actions',
  'post'
>;
export type DrillRequest = Request<Spec, '/drills', 'post'>;
