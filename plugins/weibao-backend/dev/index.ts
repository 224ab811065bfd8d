import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A minimal backend for working on this plugin alone: `yarn start` in this folder, then
//   curl http://localhost:7007/api/weibao/hospital-systems
// Auth is mocked so requests need no token; the catalog is an in-memory one with one hospital.

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'chongzuo-mch', title: '崇左市妇幼保健院' },
        spec: { owner: 'his-aftersales-guangxi' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'zlhis-chongzuo',
          title: 'ZLHIS 医院信息系统',
          annotations: { 'weibao.io/product': 'ZLHIS' },
        },
        spec: {
          type: 'his',
          lifecycle: 'production',
          owner: 'his-aftersales-guangxi',
          system: 'chongzuo-mch',
        },
      },
    ],
  }),
);
backend.add(import('../src'));
backend.start();
