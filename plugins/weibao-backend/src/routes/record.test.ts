import { mockServices } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createWeibaoTestDatabases,
  exampleCatalog,
} from '@weibao/test-support';
import { DatabaseIncidentStore } from '../database/incidents/DatabaseIncidentStore';
import { ClockSweep } from '../tasks/clockSweep';
import { IncidentService } from '../services/incidents/IncidentService';
import {
  CHONGZUO_CONTRACT,
  PortalBackend,
  startPortalBackend,
  uncoveredPacs,
  zlhisReport,
} from '../__testUtils__/portalBackend';

/*
 * Issue 14, time on the record: backdated actions cannot erase a breach on the record, claimed
 * times are bounded (24 h back, 60 s ahead) and kept beside the time of entry, old reports need
 * an administrator's audited back-fill, instants outside the years served are a fast 400, and a
 * contract that runs from final acceptance starts only once an acceptance is recorded.
 */

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

const report = (overrides: Record<string, unknown> = {}) => ({
  ...zlhisReport(),
  ...overrides,
});

/** Every basic permission allowed except those named (a team member, not an administrator). */
const denying = (...names: string[]): PermissionsService => ({
  authorize: async reqs =>
    reqs.map(r => ({
      result: names.includes(r.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    })),
  authorizeConditional: async reqs =>
    reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
});

describe.each(databases.eachSupportedId())('the record on %p', databaseId => {
  /** The sweep over the backend's database, with the notifications it sends. */
  async function sweepOf(backend: PortalBackend, now: () => number) {
    const store = await DatabaseIncidentStore.create({
      database: mockServices.database({ knex: backend.knex }),
      skipMigrations: true,
    });
    const service = new IncidentService({
      store,
      catalog: catalogServiceMock({
        entities: [...exampleCatalog(), uncoveredPacs],
      }),
      calendarOptions: {},
      now,
    });
    const sent: Array<{ title: string; severity?: string }> = [];
    const sweep = new ClockSweep({
      store,
      service,
      logger: mockServices.logger.mock(),
      notifications: {
        send: async ({ payload }) => {
          sent.push({ title: payload.title, severity: payload.severity });
        },
      },
    });
    return { sweep, sent };
  }

  const exposureOf = async (backend: PortalBackend) =>
    (
      await backend.get(
        `/contract-standing?entityRef=${encodeURIComponent(CHONGZUO_CONTRACT)}`,
      )
    ).body.contract.exposure;

  it('keeps a swept breach when an acknowledgement is backdated before it, and records the dispute', async () => {
    const backend = await startPortalBackend(databases, databaseId, {
      start: '2026-09-18T17:00:30+08:00',
    });
    let clock = Date.parse('2026-09-18T17:00:30+08:00');
    const { sweep, sent } = await sweepOf(backend, () => clock);
    // level 3 on ZLHIS (5x8), reported Friday 17:00: respond within 30 working minutes → 17:30
    const created = await backend.post('/incidents', report());
    expect(created.status).toBe(201);
    const id = created.body.id;

    // 17:45: the response clock breached at 17:30; the sweep records and notifies it
    backend.setNow('2026-09-18T17:45:00+08:00');
    clock = Date.parse('2026-09-18T17:45:00+08:00');
    await sweep.run(clock);
    expect(sent.map(s => s.severity)).toContain('critical');
    const before = await exposureOf(backend);
    expect(before.breaches.length).toBeGreaterThan(0);

    // acknowledged with at = report time + 10 min
    const acked = await backend.post(`/incidents/${id}/actions`, {
      type: 'acknowledge',
      version: 1,
      at: '2026-09-18T17:10:00+08:00',
    });
    expect(acked.status).toBe(200);
    const response = acked.body.clocks.find(
      (c: any) => c.milestone === 'response',
    );
    expect(response).toMatchObject({
      status: 'breached',
      breachedAt: '2026-09-18T09:30:00.000Z',
      // met, on the record, when the acknowledgement was entered
      metAt: '2026-09-18T09:45:00.000Z',
    });
    // the timeline: the acknowledgement at the time it claims, entered at 17:45, then the dispute
    expect(
      acked.body.timeline.map((e: any) => [e.type, e.at, e.recordedAt]),
    ).toEqual([
      ['reported', '2026-09-18T09:00:00.000Z', '2026-09-18T09:00:30.000Z'],
      ['acknowledge', '2026-09-18T09:10:00.000Z', '2026-09-18T09:45:00.000Z'],
      [
        'breach-disputed',
        '2026-09-18T09:45:00.000Z',
        '2026-09-18T09:45:00.000Z',
      ],
    ]);
    expect(acked.body.timeline[2].payload).toEqual({
      action: 'acknowledge',
      claimedAt: Date.parse('2026-09-18T17:10:00+08:00'),
      enteredAt: Date.parse('2026-09-18T17:45:00+08:00'),
      breaches: [
        {
          milestone: 'response',
          breachedAt: Date.parse('2026-09-18T17:30:00+08:00'),
        },
      ],
    });
    expect(acked.body.version).toBe(3);
    // the penalty figures use the final record: the same breach and amount, now met at 17:45
    const after = await exposureOf(backend);
    expect(after.amount).toBe(before.amount);
    expect(after.breaches).toEqual(
      before.breaches.map((b: any) =>
        b.incidentId === id ? { ...b, metAt: '2026-09-18T09:45:00.000Z' } : b,
      ),
    );
    // and the breach is not notified twice
    const count = sent.length;
    await sweep.run(clock);
    expect(sent).toHaveLength(count);
  });

  it('bounds the time an action claims: not in the future, not more than 24 h back', async () => {
    const backend = await startPortalBackend(databases, databaseId, {
      start: '2026-09-18T17:00:30+08:00',
    });
    const { id } = (await backend.post('/incidents', report())).body;
    backend.setNow('2026-09-20T09:00:00+08:00');
    const act = (at: string) =>
      backend.post(`/incidents/${id}/actions`, {
        type: 'acknowledge',
        version: 1,
        at,
      });
    const old = await act('2026-09-18T17:10:00+08:00');
    expect(old.status).toBe(400);
    expect(old.body.error.message).toBe(
      "at: 2026-09-18T09:10:00.000Z is more than 24 h before the time it is entered (2026-09-20T01:00:00.000Z); older records need an administrator's back-fill",
    );
    const future = await act('2026-09-20T09:02:00+08:00');
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(
      /^at: 2026-09-20T01:02:00.000Z is in the future \(more than 60 s after/,
    );
    // within 60 s of clock skew: accepted
    expect((await act('2026-09-20T09:00:45+08:00')).status).toBe(200);
  });

  it('shows a report entered late within the bound with both times', async () => {
    const backend = await startPortalBackend(databases, databaseId, {
      start: '2026-09-18T20:00:00+08:00',
    });
    const res = await backend.post('/incidents', report());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reportedAt: '2026-09-18T09:00:00.000Z',
      enteredAt: '2026-09-18T12:00:00.000Z',
      backfill: null,
    });
    expect(res.body.timeline[0]).toMatchObject({
      at: '2026-09-18T09:00:00.000Z',
      recordedAt: '2026-09-18T12:00:00.000Z',
    });
  });

  it('refuses instants outside the years served with a 400 naming the field, before any arithmetic', async () => {
    const backend = await startPortalBackend(databases, databaseId, {
      start: '2026-12-04T18:00:00+08:00',
    });
    for (const reportedAt of [
      '0001-01-01T10:00:00+08:00',
      '1955-06-01T10:00:00+08:00',
      '1960-03-03T10:00:00+08:00',
      '1970-01-01T08:00:00+08:00',
      '9999-12-31T10:00:00+08:00',
    ]) {
      const res = await backend.post(
        '/incidents',
        report({
          // 5x8, level 3: the year-0001 report took 45 s of CPU and answered 500
          level: 3,
          reportedAt,
          occurredAt: reportedAt,
          backfill: { reason: '纸质登记簿补录' },
        }),
      );
      expect({ reportedAt, status: res.status }).toEqual({
        reportedAt,
        status: 400,
      });
      expect(res.body.error.message).toMatch(
        /^reportedAt: .* is outside the years Weibao records \(2000 to 2099\)$/,
      );
    }
    // an upgrade window, a drill and an action in year 0001 likewise
    const { id } = (
      await backend.post(
        '/incidents',
        report({
          reportedAt: '2026-12-04T17:00:00+08:00',
          occurredAt: '2026-12-04T16:55:00+08:00',
        }),
      )
    ).body;
    const action = await backend.post(`/incidents/${id}/actions`, {
      type: 'note',
      text: '远古记录',
      version: 1,
      at: '0001-01-01T00:00:00Z',
    });
    expect(action.status).toBe(400);
    expect(action.body.error.message).toMatch(/^at: .* outside the years/);
    const drill = await backend.post('/drills', {
      systemRef: 'component:default/zlhis-chongzuo',
      scenario: '回退演练',
      performedAt: '0001-01-01T00:00:00Z',
      participants: ['李娜'],
      recoveryMinutes: 30,
    });
    expect(drill.status).toBe(400);
    expect(drill.body.error.message).toMatch(
      /^performedAt: .* outside the years Weibao records/,
    );
  });

  it('needs an administrator’s back-fill for an older report, never before the contract, and sends no storm', async () => {
    const asTeam = await startPortalBackend(databases, databaseId, {
      start: '2026-12-04T18:00:00+08:00',
      permissions: denying('weibao.incident.backfill'),
    });
    // the cross-team backdated report of the issue
    const backdated = report({
      reportedAt: '2026-03-03T10:00:00+08:00',
      occurredAt: '2026-03-03T09:50:00+08:00',
      level: 1,
    });
    const plain = await asTeam.post('/incidents', backdated);
    expect(plain.status).toBe(400);
    expect(plain.body.error.message).toMatch(
      /^reportedAt: 2026-03-03T02:00:00.000Z is more than 24 h before the time it is entered/,
    );
    const notAdmin = await asTeam.post('/incidents', {
      ...backdated,
      backfill: { reason: '纸质登记簿补录' },
    });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body.error.message).toMatch(
      /^backfill: weibao.incident.backfill denied; only Weibao administrators/,
    );

    // an administrator (every permission allowed) back-fills it
    const admin = await startPortalBackend(databases, databaseId, {
      start: '2026-12-04T18:00:00+08:00',
    });
    const now = Date.parse('2026-12-04T18:00:00+08:00');
    const { sweep, sent } = await sweepOf(admin, () => now);
    const filled = await admin.post('/incidents', {
      ...backdated,
      backfill: { reason: '纸质登记簿补录' },
    });
    expect(filled.status).toBe(201);
    expect(filled.body).toMatchObject({
      backfill: { reason: '纸质登记簿补录' },
      enteredAt: '2026-12-04T10:00:00.000Z',
      reportedAt: '2026-03-03T02:00:00.000Z',
    });
    expect(filled.body.clocks.every((c: any) => c.status === 'breached')).toBe(
      true,
    );
    // the sweep records the old crossings but notifies none of them
    const result = await sweep.run(now);
    expect(result.recorded).toBeGreaterThan(0);
    expect(result.notified).toBe(0);
    expect(sent).toEqual([]);

    // the 2003 report: before the contract's start, refused even as a back-fill
    const old = await admin.post('/incidents', {
      ...report({
        reportedAt: '2003-05-01T10:00:00+08:00',
        occurredAt: '2003-05-01T09:00:00+08:00',
      }),
      backfill: { reason: '纸质登记簿补录' },
    });
    expect(old.status).toBe(400);
    expect(old.body.error.message).toMatch(
      /^reportedAt: a back-fill must fall within the covering contract's period/,
    );
  });

  it('starts no clock under a contract awaiting final acceptance, until the acceptance is recorded', async () => {
    const backend = await startPortalBackend(databases, databaseId, {
      start: '2026-12-04T18:00:00+08:00',
    });
    const icu = report({
      systemRef: 'component:default/icu-longzhou',
      level: 1,
      reportedAt: '2026-12-04T17:50:00+08:00',
      occurredAt: '2026-12-04T17:45:00+08:00',
    });
    const before = await backend.post('/incidents', icu);
    expect(before.status).toBe(201);
    expect(before.body).toMatchObject({
      contractRef: null,
      clocks: [],
      noClocksCode: 'awaiting-acceptance',
    });
    expect(before.body.noClocksReason).toMatch(
      /^maintenancecontract:default\/longzhou-people-critical-care runs from final acceptance and no acceptance is recorded/,
    );

    const path = '/contracts/default/longzhou-people-critical-care/acceptance';
    // another team may not record it
    const other = await startPortalBackend(databases, databaseId, {
      start: '2026-12-04T18:00:00+08:00',
      permissions: denying('weibao.contract.accept'),
    });
    const refused = await other.post(path, { acceptedOn: '2026-12-01' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /^weibao.contract.accept: only the owners of maintenancecontract:default\/longzhou-people-critical-care/,
    );
    expect(
      (await backend.post(path, { acceptedOn: '2026-12-05' })).body.error
        .message,
    ).toMatch(/^acceptedOn: 2026-12-05 is after today \(2026-12-04\)/);
    expect(
      (
        await backend.post('/contracts/default/chongzuo-mch-2026/acceptance', {
          acceptedOn: '2026-12-01',
        })
      ).status,
    ).toBe(400);

    const accepted = await backend.post(path, {
      acceptedOn: '2026-12-01',
      note: '终验报告 LZ-2026-12',
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      contractRef: 'maintenancecontract:default/longzhou-people-critical-care',
      acceptedOn: '2026-12-01',
      recordedBy: 'user:default/li.na',
      recordedAt: '2026-12-04T10:00:00.000Z',
    });
    // append-only: a second acceptance is refused
    expect(
      (await backend.post(path, { acceptedOn: '2026-12-02' })).status,
    ).toBe(409);

    const after = await backend.post('/incidents', icu);
    expect(after.status).toBe(201);
    expect(after.body.contractRef).toBe(
      'maintenancecontract:default/longzhou-people-critical-care',
    );
    expect(after.body.clocks.length).toBeGreaterThan(0);
    expect(after.body.noClocksCode).toBeNull();

    // the contract's standing and the team overview count the contract from that day too
    const standing = await backend.get(
      `/contract-standing?entityRef=${encodeURIComponent(
        'maintenancecontract:default/longzhou-people-critical-care',
      )}`,
    );
    expect(standing.status).toBe(200);
    expect(standing.body.contract).toMatchObject({
      periodStart: '2026-12-01',
      periodEnd: '2027-11-30',
      inForce: true,
    });
    const viaSystem = await backend.get(
      '/contract-standing?entityRef=component:default/icu-longzhou',
    );
    expect(viaSystem.body.contract).toMatchObject({
      entityRef: 'maintenancecontract:default/longzhou-people-critical-care',
      periodStart: '2026-12-01',
      inForce: true,
    });
    const overview = await backend.get(
      '/team-overview?ownerRef=group:default/critical-care-aftersales',
    );
    expect(overview.status).toBe(200);
    expect(
      overview.body.systems.find(
        (s: { systemRef: string }) =>
          s.systemRef === 'component:default/icu-longzhou',
      ),
    ).toMatchObject({
      contractRef: 'maintenancecontract:default/longzhou-people-critical-care',
    });
  });
});
