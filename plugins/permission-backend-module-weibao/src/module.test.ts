import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { permissionModuleWeibaoPolicy } from './module';

describe('permissionModuleWeibaoPolicy', () => {
  it('is the policy the permission backend applies', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleWeibaoPolicy,
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });
    const authorize = (name: string, action?: string) =>
      request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header('user:default/li.na'))
        .send({
          items: [
            {
              id: '1',
              permission: {
                type: 'basic',
                name,
                attributes: action ? { action } : {},
              },
            },
          ],
        });

    const read = await authorize('catalog.location.read', 'read');
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([
      { id: '1', result: AuthorizeResult.ALLOW },
    ]);

    const create = await authorize('catalog.location.create', 'create');
    expect(create.body.items).toEqual([
      { id: '1', result: AuthorizeResult.DENY },
    ]);
  });
});
