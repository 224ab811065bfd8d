import { createRouteRef } from '@backstage/core-plugin-api';

/** The Weibao page: hospital systems and, later, the team view. */
export const rootRouteRef = createRouteRef({ id: 'weibao' });
