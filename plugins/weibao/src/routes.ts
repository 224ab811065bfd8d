import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The Weibao page (`/weibao`): the team view, incidents and hospital systems. */
export const rootRouteRef = createRouteRef({ id: 'weibao' });

/** One incident with its timeline and actions; notifications link here. */
export const incidentRouteRef = createSubRouteRef({
  id: 'weibao/incident',
  parent: rootRouteRef,
  path: '/incidents/:id',
});

/** One obligation occurrence; due/overdue notifications link here. */
export const obligationRouteRef = createSubRouteRef({
  id: 'weibao/obligation',
  parent: rootRouteRef,
  path: '/obligations/:id',
});

/** One upgrade plan with its gates, rollback plan and drills. */
export const upgradePlanRouteRef = createSubRouteRef({
  id: 'weibao/upgrade-plan',
  parent: rootRouteRef,
  path: '/upgrades/:id',
});
