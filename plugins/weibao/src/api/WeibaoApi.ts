import { createApiRef } from '@backstage/frontend-plugin-api';
import type { HospitalSystemList } from '@weibao/plugin-weibao-common';

/**
 * The Weibao backend, as the frontend sees it.
 *
 * @public
 */
export interface WeibaoApi {
  /** Hospital systems, optionally only those owned by one team (group entity ref). */
  listHospitalSystems(options?: {
    owner?: string;
  }): Promise<HospitalSystemList>;
}

/**
 * @public
 */
export const weibaoApiRef = createApiRef<WeibaoApi>({
  id: 'plugin.weibao.api',
});
