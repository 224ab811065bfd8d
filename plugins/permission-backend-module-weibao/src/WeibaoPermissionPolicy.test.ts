import { ConfigReader } from '@backstage/config';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  obligationRunRecordPermission,
  obligationUpdatePermission,
  upgradeCreatePermission,
  upgradeUpdatePermission,
  drillCreatePermission,
  certificateUpdatePermission,
} from '@weibao/plugin-weibao-common';
import { WeibaoPermissionPolicy } from './WeibaoPermissionPolicy';

function user(userEntityRef: string, groups: string[] = []): PolicyQueryUser {
  return {
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  } as PolicyQueryUser;
}

const liNa = user('user:default/li.na', [
  'group:default/his-aftersales-guangxi',
]);
const admin = user('user:default/zhang.wei', ['group:default/portal-admins']);

const policy = WeibaoPermissionPolicy.fromConfig(
  new ConfigReader({ weibao: { permission: { admins: ['portal-admins'] } } }),
);

const decide = (permission: Permission, who?: PolicyQueryUser) =>
  policy.handle({ permission }, who);

describe('WeibaoPermissionPolicy', () => {
  it('lets every signed-in user read the catalog and ask for a refresh', async () => {
    expect(await decide(catalogEntityReadPermission, liNa)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(catalogEntityRefreshPermission, liNa)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets only the owners unregister an entity', async () => {
    expect(await decide(catalogEntityDeletePermission, liNa)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: [
            'user:default/li.na',
            'group:default/his-aftersales-guangxi',
          ],
        },
      },
    });
  });

  it('denies other changes to everyone but administrators', async () => {
    expect(await decide(catalogLocationCreatePermission, liNa)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await decide(catalogLocationCreatePermission, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(catalogEntityDeletePermission, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('names the bad entry when an administrator ref is malformed', () => {
    expect(() =>
      WeibaoPermissionPolicy.fromConfig(
        new ConfigReader({
          weibao: { permission: { admins: ['vendor', 'group:default/'] } },
        }),
      ),
    ).toThrow(
      /^weibao\.permission\.admins\[1\]: "group:default\/" is not an entity reference/,
    );
  });
});

describe('WeibaoPermissionPolicy on incidents', () => {
  it('lets any signed-in user report an incident', async () => {
    expect(await decide(incidentCreatePermission, liNa)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(incidentCreatePermission)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets everyone read incidents and only the owning team change them', async () => {
    expect(await decide(incidentReadPermission, liNa)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(incidentUpdatePermission, liNa)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'weibao',
      resourceType: 'weibao-incident',
      conditions: {
        rule: 'HAS_OWNER',
        resourceType: 'weibao-incident',
        params: {
          owners: [
            'user:default/li.na',
            'group:default/his-aftersales-guangxi',
          ],
        },
      },
    });
    expect(await decide(incidentUpdatePermission, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets the owning team move upgrades and certificate registers; anyone plan or drill', async () => {
    for (const permission of [
      upgradeUpdatePermission,
      certificateUpdatePermission,
    ]) {
      expect(await decide(permission, liNa)).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: { rule: 'HAS_OWNER' },
      });
    }
    expect(await decide(upgradeCreatePermission, liNa)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(drillCreatePermission)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets only the owning team complete or waive obligations', async () => {
    expect(await decide(obligationUpdatePermission, liNa)).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      resourceType: 'weibao-obligation',
      conditions: {
        rule: 'HAS_OWNER',
        params: {
          owners: [
            'user:default/li.na',
            'group:default/his-aftersales-guangxi',
          ],
        },
      },
    });
  });

  it('leaves recording machine runs to services and administrators', async () => {
    expect(await decide(obligationRunRecordPermission, liNa)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await decide(obligationRunRecordPermission, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(obligationRunRecordPermission)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
