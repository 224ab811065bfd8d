import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router-dom';
import type { IncidentDetail } from '@weibao/plugin-weibao-common';
import {
  renderWeibao,
  setupWeibaoServer,
  WEIBAO_BASE_URL,
} from '../../../__testUtils__';
import { IncidentPage } from '../IncidentPage';
import { INCIDENT_ID } from './fixtures';

/** msw handlers and queries for the tests of the incident page, on a test file's server. */
export function incidentPageTesting(
  server: ReturnType<typeof setupWeibaoServer>,
) {
  /** Serves `GET /incidents/:id` with each answer in turn (the last one repeats). */
  function serveIncident(...answers: Array<() => Response>) {
    let calls = 0;
    server.use(
      http.get(`${WEIBAO_BASE_URL}/incidents/:id`, () => {
        const answer = answers[Math.min(calls, answers.length - 1)];
        calls += 1;
        return answer();
      }),
    );
    return () => calls;
  }

  /** Serves `POST /incidents/:id/actions` with `answer` and records the bodies. */
  function serveActions(answer: () => Response) {
    const bodies: Array<Record<string, unknown>> = [];
    server.use(
      http.post(
        `${WEIBAO_BASE_URL}/incidents/:id/actions`,
        async ({ request }) => {
          bodies.push((await request.json()) as Record<string, unknown>);
          return answer();
        },
      ),
    );
    return bodies;
  }

  const json = (detail: IncidentDetail) => () => HttpResponse.json(detail);

  async function renderPage() {
    await renderWeibao(
      <Routes>
        <Route path="/weibao/incidents/:id" element={<IncidentPage />} />
      </Routes>,
      { routeEntries: [`/weibao/incidents/${INCIDENT_ID}`] },
    );
  }

  const buttons = () =>
    within(screen.getByTestId('incident-actions'))
      .getAllByRole('button')
      .map(b => b.textContent);

  const stateOf = (milestone: string) =>
    screen
      .getByTestId(`clock-${milestone}`)
      .querySelector('[data-clock-state]')
      ?.getAttribute('data-clock-state');

  return { serveIncident, serveActions, json, renderPage, buttons, stateOf };
}
