import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { weibaoPlugin } from './plugin';

jest.setTimeout(60_000);

const hospital: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'chongzuo-mch',
    namespace: 'default',
    title: '崇左市妇幼保健院',
  },
  spec: { owner: 'his-aftersales-guangxi' },
};

function hospitalSystem(
  name: string,
  type: string,
  owner: string,
  extra: Partial<Entity['metadata']> = {},
  system = 'chongzuo-mch',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...extra },
    spec: { type, lifecycle: 'production', owner, system },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

const entities: Entity[] = [
  hospital,
  hospitalSystem('zlhis-chongzuo', 'his', 'his-aftersales-guangxi', {
    title: 'ZLHIS 医院信息系统',
    annotations: {
      'weibao.io/product': 'ZLHIS',
      'weibao.io/manufacturer': '中联',
    },
  }),
  hospitalSystem('smartanes-chongzuo', 'anesthesia', 'his-aftersales-guangxi', {
    annotations: { 'weibao.io/product-version': 'V1.0' },
  }),
  hospitalSystem(
    'icu-longzhou',
    'icu',
    'critical-care-aftersales',
    {},
    'longzhou-people',
  ),
  // an ordinary software component: not a hospital system
  hospitalSystem('weibao-portal', 'website', 'his-aftersales-guangxi'),
];

async function startBackend() {
  const { server } = await startTestBackend({
    features: [weibaoPlugin, catalogServiceMock.factory({ entities })],
  });
  return server;
}

describe('GET /api/weibao/hospital-systems', () => {
  it('lists hospital systems by hospital, leaving other components out', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/weibao/hospital-systems');
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: any) => s.entityRef)).toEqual([
      'component:default/smartanes-chongzuo',
      'component:default/zlhis-chongzuo',
      'component:default/icu-longzhou',
    ]);
    expect(res.body.items[1]).toEqual({
      entityRef: 'component:default/zlhis-chongzuo',
      title: 'ZLHIS 医院信息系统',
      type: 'his',
      hospitalRef: 'system:default/chongzuo-mch',
      hospital: {
        entityRef: 'system:default/chongzuo-mch',
        title: '崇左市妇幼保健院',
      },
      owner: 'group:default/his-aftersales-guangxi',
      product: 'ZLHIS',
      manufacturer: '中联',
    });
    // the ICU system's hospital is not in the catalog: its ref is kept, the hospital is absent
    expect(res.body.items[2].hospitalRef).toBe(
      'system:default/longzhou-people',
    );
    expect(res.body.items[2].hospital).toBeUndefined();
  });

  it("filters by the owning team, accepting the short form of the team's ref", async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/weibao/hospital-systems')
      .query({ owner: 'critical-care-aftersales' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: any) => s.entityRef)).toEqual([
      'component:default/icu-longzhou',
    ]);
  });

  it.each([
    [{ owner: '' }],
    [{ owner: ['a', 'b'] }],
    [{ owner: 'group:default/' }],
  ])(
    'rejects the malformed owner %j with a 400 naming the field',
    async query => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/weibao/hospital-systems')
        .query(query);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(/^owner: /);
    },
  );

  it('refuses unauthenticated requests', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/weibao/hospital-systems')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});
