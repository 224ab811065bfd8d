import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router-dom';
import type { UpgradePlanDetail } from '@weibao/plugin-weibao-common';
import {
  errorResponse,
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../../__testUtils__';
import { UpgradePlanPage } from '../UpgradePlanPage';
import { PLAN_ID } from './fixtures';

/** msw handlers and rendering for the tests of the upgrade plan page, on a test file's server. */
export function upgradePlanTesting(
  server: ReturnType<typeof setupWeibaoServer>,
) {
  /** Serves the plan; counts the loads. */
  function planIs(plan: UpgradePlanDetail) {
    const loads = { count: 0 };
    server.use(
      http.get(`${WEIBAO_BASE_URL}/upgrade-plans/:id`, ({ params }) => {
        loads.count += 1;
        return params.id === plan.id
          ? HttpResponse.json(plan)
          : errorResponse(404, 'NotFoundError', `no upgrade plan ${params.id}`);
      }),
    );
    return loads;
  }

  /** Renders the page of the plan `id` at its route. */
  const render = (id = PLAN_ID) =>
    renderWeibao(
      <Routes>
        <Route path="/weibao/upgrades/:id" element={<UpgradePlanPage />} />
      </Routes>,
      { routeEntries: [`/weibao/upgrades/${id}`] },
    );

  return { planIs, render };
}
