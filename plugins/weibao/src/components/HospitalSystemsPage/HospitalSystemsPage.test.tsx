import { screen } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { HospitalSystemList } from '@weibao/plugin-weibao-common';
import { weibaoApiRef, WeibaoClient } from '../../api';
import { HospitalSystemsPage } from './HospitalSystemsPage';

const server = setupServer();
registerMswTestHooks(server);

const baseUrl = 'http://localhost:7007/api/weibao';
const discoveryApi = mockApis.discovery({ baseUrl: 'http://localhost:7007' });
const fetchApi = {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
};

const list: HospitalSystemList = {
  items: [
    {
      entityRef: 'component:default/zlhis-chongzuo',
      title: 'ZLHIS 医院信息系统',
      type: 'his',
      hospitalRef: 'system:default/chongzuo-mch',
      hospital: {
        entityRef: 'system:default/chongzuo-mch',
        title: '崇左市妇幼保健院',
      },
      owner: 'group:default/his-aftersales-guangxi',
      product: 'SmartAnes',
      productVersion: 'V1.0',
    },
    {
      entityRef: 'component:default/icu-longzhou',
      title: '重症监护系统',
      type: 'icu',
      hospitalRef: 'system:default/longzhou-people',
      owner: 'group:default/critical-care-aftersales',
    },
  ],
};

function renderPage() {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [weibaoApiRef, new WeibaoClient({ discoveryApi, fetchApi })],
      ]}
    >
      <HospitalSystemsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('HospitalSystemsPage', () => {
  it('lists hospital systems with their hospital, type and product', async () => {
    server.use(
      http.get(`${baseUrl}/hospital-systems`, () => HttpResponse.json(list)),
    );
    await renderPage();
    expect(await screen.findByText('ZLHIS 医院信息系统')).toBeInTheDocument();
    expect(screen.getByText('崇左市妇幼保健院')).toBeInTheDocument();
    expect(
      screen.getByText('Hospital information system (HIS)'),
    ).toBeInTheDocument();
    expect(screen.getByText('SmartAnes V1.0')).toBeInTheDocument();
    // a hospital missing from the catalog is named, not hidden
    expect(
      screen.getByText(
        'Hospital system:default/longzhou-people is not in the catalog',
      ),
    ).toBeInTheDocument();
  });

  it('says so when there are no hospital systems', async () => {
    server.use(
      http.get(`${baseUrl}/hospital-systems`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    await renderPage();
    expect(
      await screen.findByText('No hospital systems in the catalog yet.'),
    ).toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    server.use(
      http.get(`${baseUrl}/hospital-systems`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'not for you' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderPage();
    expect(
      await screen.findByText(/Request failed with 403/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/not for you/).length).toBeGreaterThan(0);
  });
});
