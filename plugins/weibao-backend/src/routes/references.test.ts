import { Entity } from '@backstage/catalog-model';
import {
  createWeibaoTestDatabases,
  exampleCatalog,
} from '@weibao/test-support';
import {
  PortalBackend,
  startPortalBackend,
  zlhisReport,
} from '../__testUtils__/portalBackend';
import { snapshotTables } from '../__testUtils__/snapshot';

/*
 * Issue 14, references: an incident on a component that is no hospital system (a library),
 * unknown and foreign assignees, the health of a system that does not exist, malformed refs in
 * filters. Each is refused naming the field or parameter and why, and changes nothing.
 */

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

/** A software library of the HIS team at the Chongzuo hospital: in the catalog, no hospital system. */
const library: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'hl7-parser', namespace: 'default' },
  spec: {
    type: 'library',
    lifecycle: 'production',
    owner: 'group:default/his-aftersales-guangxi',
    system: 'system:default/chongzuo-mch',
  },
};

/** A hospital system whose hospital is not in the catalog. */
const orphan: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'lis-nowhere', namespace: 'default' },
  spec: {
    type: 'lis',
    lifecycle: 'production',
    owner: 'group:default/his-aftersales-guangxi',
    system: 'system:default/nowhere-hospital',
  },
};

describe.each(databases.eachSupportedId())('references on %p', databaseId => {
  let backend: PortalBackend;
  let incident: { id: string; version: number };
  let before: string;

  beforeAll(async () => {
    backend = await startPortalBackend(databases, databaseId, {
      start: '2026-09-18T17:05:00+08:00',
      entities: [...exampleCatalog(), library, orphan],
    });
    const res = await backend.post('/incidents', zlhisReport());
    if (res.status !== 201) {
      throw new Error(`set-up: ${res.status} ${JSON.stringify(res.body)}`);
    }
    incident = res.body;
    before = await snapshotTables(backend.knex);
  });

  // every request here is refused or reads: none may change a row
  afterEach(async () => {
    if ((await snapshotTables(backend.knex)) !== before) {
      throw new Error('a refused request changed the stored records');
    }
  });

  const refused = async (
    res: { status: number; body: any },
    status: number,
    message: RegExp,
  ) =>
    expect({ status: res.status, message: res.body.error?.message }).toEqual({
      status,
      message: expect.stringMatching(message),
    });

  it('refuses an incident on a library, naming systemRef and why', async () => {
    await refused(
      await backend.post('/incidents', {
        ...zlhisReport(),
        systemRef: 'component:default/hl7-parser',
      }),
      400,
      /^systemRef: component:default\/hl7-parser is a component of type "library", not a hospital system \(spec\.type must be one of his, /,
    );
  });

  it('refuses an incident on a system whose hospital is not in the catalog', async () => {
    await refused(
      await backend.post('/incidents', {
        ...zlhisReport(),
        systemRef: 'lis-nowhere',
      }),
      400,
      /^systemRef: component:default\/lis-nowhere belongs to the hospital system:default\/nowhere-hospital, which is not in the catalog$/,
    );
  });

  it('refuses a drill on a library', async () => {
    await refused(
      await backend.post('/drills', {
        systemRef: 'component:default/hl7-parser',
        scenario: '切换',
        performedAt: '2026-09-18T09:00:00+08:00',
        participants: ['李娜'],
        recoveryMinutes: 10,
        targetMinutes: 30,
      }),
      400,
      /^systemRef: .* not a hospital system/,
    );
  });

  it.each([
    [
      'an unknown user',
      ['user:default/li.na', 'user:default/nobody'],
      /^assignees\[1\]: user:default\/nobody is not a user in the catalog$/,
    ],
    [
      'a user of another team (wang.fang, critical care)',
      ['wang.fang'],
      /^assignees\[0\]: user:default\/wang\.fang is not a member of group:default\/his-aftersales-guangxi, the team owning the system$/,
    ],
    [
      'a group',
      ['group:default/his-aftersales-guangxi'],
      /^assignees\[0\]: "group:default\/his-aftersales-guangxi" refers to a group, not a user/,
    ],
  ])('refuses a report assigned to %s', async (_, assignees, message) => {
    await refused(
      await backend.post('/incidents', { ...zlhisReport(), assignees }),
      400,
      message,
    );
  });

  it.each(['dispatch', 'reassign'])(
    'refuses to %s to a user of another team',
    async type => {
      await refused(
        await backend.post(`/incidents/${incident.id}/actions`, {
          type,
          version: incident.version,
          assignees: ['user:default/wang.fang'],
        }),
        400,
        /^assignees\[0\]: user:default\/wang\.fang is not a member of group:default\/his-aftersales-guangxi/,
      );
    },
  );

  it.each([
    [
      '/systems/default/nope/health',
      /^systemRef: component:default\/nope is not in the catalog$/,
    ],
    [
      '/systems/default/hl7-parser/health',
      /^systemRef: component:default\/hl7-parser is a component of type "library", not a hospital system/,
    ],
    [
      '/systems/default/nope/certificates',
      /^systemRef: component:default\/nope is not in the catalog$/,
    ],
  ])('answers 404 for GET %s', async (path, message) => {
    await refused(await backend.get(path), 404, message);
  });

  it('still answers the health of a hospital system', async () => {
    const res = await backend.get('/systems/default/zlhis-chongzuo/health');
    expect(res.status).toBe(200);
    expect(res.body.openIncidents).toBe(1);
  });

  it.each([
    [
      '/hospital-systems?owner=component:default/zlhis-chongzuo',
      'owner',
      /refers to a component, not a group/,
    ],
    ['/hospital-systems?owner=a:b:c', 'owner', /not an entity reference/],
    [
      '/hospital-systems?owner=group:default/has%20space',
      'owner',
      /its name "has space" is not valid/,
    ],
    [
      '/incidents?ownerRef=component:default/zlhis-chongzuo',
      'ownerRef',
      /refers to a component, not a group/,
    ],
    [
      '/incidents?ownerRef=group:default/bad%20name',
      'ownerRef',
      /is not valid in the catalog/,
    ],
    [
      '/incidents?systemRef=group:default/his',
      'systemRef',
      /refers to a group, not a component/,
    ],
    [
      '/incidents?hospitalRef=component:default/zlhis-chongzuo',
      'hospitalRef',
      /refers to a component, not a system/,
    ],
    [
      '/obligations?ownerRef=user:default/li.na',
      'ownerRef',
      /refers to a user, not a group/,
    ],
    [
      '/obligations?contractRef=component:default/zlhis-chongzuo',
      'contractRef',
      /not a maintenancecontract/,
    ],
    [
      '/obligations?kind=nonsense',
      'kind',
      /must be equal to one of the allowed values/,
    ],
    [
      '/upgrade-plans?ownerRef=system:default/chongzuo-mch',
      'ownerRef',
      /refers to a system, not a group/,
    ],
    [
      '/drills?systemRef=group:default/his',
      'systemRef',
      /refers to a group, not a component/,
    ],
  ])('answers 400 for GET %s naming %s', async (path, parameter, reason) => {
    const res = await backend.get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      new RegExp(`(^${parameter}: |request/query/${parameter}\\b)`),
    );
    expect(res.body.error.message).toMatch(reason);
  });
});
