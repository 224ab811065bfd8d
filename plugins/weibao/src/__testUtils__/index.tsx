import { ReactElement } from 'react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { weibaoApiRef, WeibaoClient } from '../api';
import { rootRouteRef } from '../routes';

/** Where the tests' msw handlers answer: the real client's URLs. */
export const WEIBAO_BASE_URL = 'http://localhost:7007/api/weibao';

/** An msw server for one test file, started and reset around each test. */
export function setupWeibaoServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}

/** The backend's error body, as `@backstage/errors` writes it. */
export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

/**
 * Renders a Weibao component in a test app with the real `WeibaoClient` (talking to msw),
 * optionally inside an entity's context, with the catalog's entity route and Weibao's
 * page mounted so links resolve.
 */
export function renderWeibao(
  element: ReactElement,
  options: { entity?: Entity; routeEntries?: string[] } = {},
) {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://localhost:7007' });
  const fetchApi = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [weibaoApiRef, new WeibaoClient({ discoveryApi, fetchApi })],
      ]}
    >
      {options.entity ? (
        <EntityProvider entity={options.entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/weibao': rootRouteRef,
      },
      routeEntries: options.routeEntries,
    },
  );
}
