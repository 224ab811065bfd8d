import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import request from 'supertest';
import {
  LI_NA,
  PortalBackend,
  startPortalBackend,
  zlhisReport,
} from '../__testUtils__/portalBackend';
import {
  criticalCareIncidents,
  policyByName,
} from '../__testUtils__/permissions';

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

/** The ZLHIS report of Friday 18 Sep 2026 17:00 in Chongzuo, changed as the test says. */
const report = (overrides: Record<string, unknown> = {}) => ({
  ...zlhisReport(),
  ...overrides,
});

describe.each(databases.eachSupportedId())('incidents on %p', databaseId => {
  let backend: PortalBackend;
  const act = (id: string, version: number, body: object) =>
    backend.post(`/incidents/${id}/actions`, { version, ...body });

  beforeAll(async () => {
    // reports up to 9000 minutes back (the list test) are entered without a back-fill
    backend = await startPortalBackend(databases, databaseId, {
      maxBackdateHours: 7 * 24,
    });
  });

  it('answers 401 on every route without credentials', async () => {
    const anon = request(backend.server);
    const id = '6f1c1a52-8f55-4a57-9b0f-1c1f4bb7b7a1';
    const responses = await Promise.all([
      anon.post('/api/weibao/incidents').send(report()),
      anon.get('/api/weibao/incidents'),
      anon.get(`/api/weibao/incidents/${id}`),
      anon
        .post(`/api/weibao/incidents/${id}/actions`)
        .send({ type: 'acknowledge', version: 1 }),
      anon.get('/api/weibao/systems/default/zlhis-chongzuo/health'),
      anon.get('/api/weibao/hospital-systems'),
      anon.get('/api/weibao/calendars/5x8/days?from=2026-01-01&to=2026-01-31'),
      anon.get('/api/weibao/openapi.json'),
    ]);
    expect(responses.map(r => r.status)).toEqual(Array(8).fill(401));
  });

  it('walks a level 3 fault, re-graded to level 2, from report to closed with its clocks', async () => {
    const created = await backend.post('/incidents', report());
    expect(created.status).toBe(201);
    const incident = created.body;
    expect(incident).toMatchObject({
      version: 1,
      status: 'reported',
      level: 3,
      levelName: '一般错误类',
      hospitalRef: 'system:default/chongzuo-mch',
      ownerRef: 'group:default/his-aftersales-guangxi',
      contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
      noClocksReason: null,
      createdBy: LI_NA,
    });
    const clock = (body: any, milestone: string) =>
      body.clocks.find((c: any) => c.milestone === milestone);
    // response: 30 working minutes on 5x8 from 17:00 → 17:30 the same day
    expect(clock(incident, 'response').dueAt).toBe('2026-09-18T09:30:00.000Z');
    // dispatch: 3 working days; Sunday 20 Sep 2026 is a make-up working day (调休), so
    // Sun 20, Mon 21, Tue 22 → close of business Tuesday 18:00
    expect(clock(incident, 'dispatch').dueAt).toBe('2026-09-22T10:00:00.000Z');
    expect(incident.allowedActions).toEqual([
      'acknowledge',
      'grant-remote-permission',
      'regrade',
      'note',
      'reassign',
    ]);

    const steps: Array<[string, object]> = [
      ['acknowledge', { at: '2026-09-18T17:20:00+08:00' }],
      [
        'regrade',
        {
          level: 2,
          reason: '所有收费窗口无法结算',
          at: '2026-09-18T17:40:00+08:00',
        },
      ],
      [
        'grant-remote-permission',
        { grantedBy: '信息科 李主任', at: '2026-09-18T17:50:00+08:00' },
      ],
      ['start-remote', { at: '2026-09-18T18:00:00+08:00' }],
      [
        'resolve',
        {
          method: '重启医保前置机服务',
          result: '结算恢复正常',
          rootCause: 'program-error',
          at: '2026-09-18T19:10:00+08:00',
        },
      ],
      [
        'confirm',
        { confirmedBy: '收费室 王护士长', at: '2026-09-19T09:00:00+08:00' },
      ],
      ['close', { at: '2026-09-19T09:05:00+08:00' }],
    ];
    let current = incident;
    for (const [type, body] of steps) {
      const res = await act(current.id, current.version, { type, ...body });
      expect({ type, status: res.status, body: res.body.error }).toEqual({
        type,
        status: 200,
        body: undefined,
      });
      current = res.body;
    }
    expect(current).toMatchObject({
      status: 'closed',
      version: 8,
      level: 2,
      rootCause: 'program-error',
      resolution: { method: '重启医保前置机服务', result: '结算恢复正常' },
      confirmation: {
        confirmedBy: '收费室 王护士长',
        at: '2026-09-19T01:00:00.000Z',
      },
    });
    expect(clock(current, 'response')).toMatchObject({
      status: 'met',
      metAt: '2026-09-18T09:20:00.000Z',
      breachedAt: null,
    });
    // re-graded: 6 hours on 24x7 from the original report, met when remote service started
    expect(clock(current, 'dispatch')).toMatchObject({
      status: 'met',
      target: { amount: 6, unit: 'hours' },
      calendar: '24x7',
      dueAt: '2026-09-18T15:00:00.000Z',
      metAt: '2026-09-18T10:00:00.000Z',
    });
    expect(
      clock(current, 'dispatch').targets.map((t: any) => t.target),
    ).toEqual([
      { amount: 3, unit: 'working-days' },
      { amount: 6, unit: 'hours' },
    ]);
    expect(clock(current, 'dispatch').calendarVersion).toMatch(/^24x7@/);
    expect(current.timeline.map((e: any) => [e.seq, e.type, e.actor])).toEqual([
      [1, 'reported', LI_NA],
      [2, 'acknowledge', LI_NA],
      [3, 'regrade', LI_NA],
      [4, 'grant-remote-permission', LI_NA],
      [5, 'start-remote', LI_NA],
      [6, 'resolve', LI_NA],
      [7, 'confirm', LI_NA],
      [8, 'close', LI_NA],
    ]);
    expect(current.timeline[2]).toMatchObject({
      at: '2026-09-18T09:40:00.000Z',
      payload: { level: 2, reason: '所有收费窗口无法结算' },
    });
    expect(current.allowedActions).toEqual(['reopen', 'note']);

    // the timeline rows are the ones written, in order, never rewritten
    const rows = await backend
      .knex('weibao_incident_events')
      .where({ incident_id: current.id })
      .orderBy('seq');
    expect(rows.map(r => r.type)).toEqual(
      current.timeline.map((e: any) => e.type),
    );

    // reopen: the dispatch stays met; the status goes back to acknowledged
    const reopened = await act(current.id, current.version, {
      type: 'reopen',
      reason: '次日再次出现超时',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({
      status: 'acknowledged',
      resolution: null,
      confirmation: null,
      version: 9,
    });
  });

  it('refuses impossible transitions and stale versions, writing nothing', async () => {
    const { body: incident } = await backend.post('/incidents', report());
    const before = await backend
      .knex('weibao_incident_events')
      .count({ n: '*' })
      .first();

    const early = await act(incident.id, 1, {
      type: 'resolve',
      method: 'x',
      result: 'y',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(
      'type: cannot resolve an incident that is reported; acknowledge it first',
    );
    const remote = await act(incident.id, 1, { type: 'acknowledge' });
    expect(remote.status).toBe(200);
    const noPermission = await act(incident.id, 2, { type: 'start-remote' });
    expect(noPermission.status).toBe(409);
    expect(noPermission.body.error.message).toMatch(
      /^type: remote service needs the hospital’s permission first/,
    );
    const stale = await act(incident.id, 1, {
      type: 'note',
      text: '再次电话确认',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe(
      'version: the incident is at version 2, not 1; reload it and try again',
    );
    const missing = await act(incident.id, 2, {
      type: 'resolve',
      method: '重启服务',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('result: required to resolve');
    const wrongLevel = await act(incident.id, 2, {
      type: 'regrade',
      level: 5,
      reason: '升级',
    });
    expect(wrongLevel.status).toBe(400);
    expect(wrongLevel.body.error.message).toBe(
      'level: 5 is not a level of contract maintenancecontract:default/chongzuo-mch-2026 (levels 1, 2, 3, 4)',
    );
    const backdated = await act(incident.id, 2, {
      type: 'note',
      text: '补记',
      at: '2026-09-18T16:00:00+08:00',
    });
    expect(backdated.status).toBe(400);
    expect(backdated.body.error.message).toMatch(
      /^at: 2026-09-18T08:00:00.000Z is before the incident's last event/,
    );

    const after = await backend
      .knex('weibao_incident_events')
      .count({ n: '*' })
      .first();
    expect(Number(after!.n)).toBe(Number(before!.n) + 1); // only the acknowledgement
  });

  it('lets one of two parallel updates through and answers the other 409', async () => {
    const { body: incident } = await backend.post('/incidents', report());
    const results = await Promise.all([
      act(incident.id, 1, { type: 'acknowledge' }),
      act(incident.id, 1, { type: 'note', text: '同时记录' }),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([200, 409]);
    const { body } = await backend.get(`/incidents/${incident.id}`);
    expect(body.version).toBe(2);
    expect(body.timeline).toHaveLength(2);
  });

  it('names the field when the report is wrong', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { systemRef: 'component:default/ris-chongzuo' },
        /^systemRef: component:default\/ris-chongzuo is not in the catalog$/,
      ],
      [
        { systemRef: 'system:default/chongzuo-mch' },
        /^systemRef: "system:default\/chongzuo-mch" refers to a system, not a component/,
      ],
      [
        { level: 5 },
        /^level: 5 is not a level of contract maintenancecontract:default\/chongzuo-mch-2026/,
      ],
      [{ reportedAt: '2026-09-18 17:00' }, /reportedAt/],
      [
        { occurredAt: '2026-09-18T18:00:00+08:00' },
        /^occurredAt: 2026-09-18T10:00:00.000Z is in the future \(more than 60 s after the time it is entered/,
      ],
      [
        { reportedAt: '2099-01-01T00:00:00Z' },
        /^reportedAt: 2099-01-01T00:00:00.000Z is in the future/,
      ],
      [{ title: 'x'.repeat(201) }, /title/],
      [{ title: '   ' }, /title must match pattern/],
      [{ level: '2' }, /level/],
      [{ channel: 'fax' }, /channel/],
      [
        { assignees: ['group:default/vendor'] },
        /^assignees\[0\]: "group:default\/vendor" refers to a group, not a user/,
      ],
    ];
    for (const [change, message] of cases) {
      const res = await backend.post('/incidents', report(change));
      expect({ change, status: res.status }).toEqual({ change, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('accepts an incident on a system without a contract, with no clocks, and says so', async () => {
    const res = await backend.post(
      '/incidents',
      report({ systemRef: 'pacs-chongzuo', level: 7 }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      contractRef: null,
      clocks: [],
      noClocksReason:
        'no maintenance contract covers component:default/pacs-chongzuo: the incident has no clocks',
    });
  });

  it('lists with filters and cursor paging, and sums up a system’s health in one call', async () => {
    const knex = backend.knex;
    await knex('weibao_incident_clock_alerts').delete();
    await knex('weibao_incident_clocks').delete();
    await knex('weibao_incident_events').delete();
    await knex('weibao_incidents').delete();

    const now = Date.now();
    const minutesAgo = (m: number) => new Date(now - m * 60_000).toISOString();
    // the Longzhou ICU contract runs from final acceptance: recorded, it is in force
    const accepted = await backend.post(
      '/contracts/default/longzhou-people-critical-care/acceptance',
      { acceptedOn: '2026-01-05', note: '终验报告 LZ-2026-01' },
    );
    expect(accepted.status).toBe(201);
    // level 1 on the ICU system (24x7, respond in 30 min): 25 minutes in → at risk (≥ 75 %)
    const atRisk = await backend.post(
      '/incidents',
      report({
        systemRef: 'icu-longzhou',
        level: 1,
        title: '监护数据不上传',
        occurredAt: minutesAgo(26),
        reportedAt: minutesAgo(25),
      }),
    );
    // level 1 on ZLHIS reported 3 hours ago, never acknowledged: response and dispatch breached
    const breached = await backend.post(
      '/incidents',
      report({
        level: 1,
        title: '全院 HIS 无法登录',
        occurredAt: minutesAgo(181),
        reportedAt: minutesAgo(180),
      }),
    );
    // three level 4 requests on ZLHIS, one closed
    const requests = [];
    for (const [i, m] of [
      [1, 9000],
      [2, 8000],
      [3, 7000],
    ]) {
      requests.push(
        (
          await backend.post(
            '/incidents',
            report({
              level: 4,
              title: `参数修改 ${i}`,
              occurredAt: minutesAgo(m + 1),
              reportedAt: minutesAgo(m),
            }),
          )
        ).body,
      );
    }
    let last = requests[0];
    for (const [type, extra] of [
      ['acknowledge', {}],
      [
        'resolve',
        { method: '修改参数', result: '完成', rootCause: 'operator-error' },
      ],
    ] as const) {
      last = (await act(last.id, last.version, { type, ...extra })).body;
    }
    expect([atRisk.status, breached.status, last.status]).toEqual([
      201,
      201,
      'resolved',
    ]);

    const list = async (query: string) =>
      (await backend.get(`/incidents?${query}`)).body;
    const titles = (body: any) => body.items.map((i: any) => i.title);
    // the level 4 requests were answered late or never (30 working minutes to respond)
    expect(titles(await list('breached=true'))).toEqual([
      '全院 HIS 无法登录',
      '参数修改 3',
      '参数修改 2',
      '参数修改 1',
    ]);
    expect(titles(await list('breached=false'))).toEqual(['监护数据不上传']);
    expect(titles(await list('atRisk=true'))).toEqual(['监护数据不上传']);
    expect((await list('systemRef=zlhis-chongzuo')).totalCount).toBe(4);
    expect(
      (await list('hospitalRef=system:default/longzhou-people')).totalCount,
    ).toBe(1);
    expect((await list('ownerRef=critical-care-aftersales')).totalCount).toBe(
      1,
    );
    expect((await list('level=4&status=open')).totalCount).toBe(2);
    // several owners or levels: any of them
    expect(
      (
        await list(
          'ownerRef=critical-care-aftersales&ownerRef=group:default/his-aftersales-guangxi',
        )
      ).totalCount,
    ).toBe(5);
    expect((await list('level=1&status=open')).totalCount).toBe(2);
    expect((await list('level=1&level=4&status=open')).totalCount).toBe(4);
    expect((await list('status=resolved&status=closed')).totalCount).toBe(1);
    expect(titles(await list(`q=${encodeURIComponent('HIS 无法')}`))).toEqual([
      '全院 HIS 无法登录',
    ]);
    expect(
      (await list(`reportedFrom=${encodeURIComponent(minutesAgo(200))}`))
        .totalCount,
    ).toBe(2);

    // paging: newest report first, two at a time, the count stays the total
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.totalCount).toBe(5);
      seen.push(...titles(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      '监护数据不上传',
      '全院 HIS 无法登录',
      '参数修改 3',
      '参数修改 2',
      '参数修改 1',
    ]);

    const health = (await backend.get('/systems/default/zlhis-chongzuo/health'))
      .body;
    expect(health).toMatchObject({
      systemRef: 'component:default/zlhis-chongzuo',
      openIncidents: 3,
      openByLevel: { '1': 1, '4': 2 },
      levelNames: { '1': '系统灾难故障', '4': '一般需求类' },
      awaitingConfirmation: 1,
      atRisk: 0,
      breached: 3,
    });
    const running = health.runningClocks.map(
      (c: any) => `${c.title} ${c.milestone} ${c.status}`,
    );
    expect([...running].sort()).toEqual([
      '全院 HIS 无法登录 dispatch breached',
      '全院 HIS 无法登录 resolution running',
      '全院 HIS 无法登录 response breached',
      '参数修改 2 dispatch running',
      '参数修改 2 response breached',
      '参数修改 3 dispatch running',
      '参数修改 3 response breached',
    ]);
    const dueTimes = health.runningClocks.map((c: any) => Date.parse(c.dueAt));
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));
  });
});

describe.each(databases.eachSupportedId())(
  'incident permissions on %p',
  databaseId => {
    it('denies with a deny policy, and filters lists, counts and health with a conditional one', async () => {
      const deny: PermissionsService = {
        authorize: async reqs =>
          reqs.map(() => ({ result: AuthorizeResult.DENY })),
        authorizeConditional: async reqs =>
          reqs.map(() => ({ result: AuthorizeResult.DENY })),
      };
      const denied = await startPortalBackend(databases, databaseId, {
        permissions: deny,
      });
      expect((await denied.post('/incidents', report())).status).toBe(403);
      expect((await denied.get('/incidents')).status).toBe(403);
      expect(
        (await denied.get('/systems/default/zlhis-chongzuo/health')).status,
      ).toBe(403);

      // the critical-care team sees only the incidents on the systems it owns
      const filtered = await startPortalBackend(databases, databaseId, {
        // every permission, the update too, gets the same conditional decision
        permissions: policyByName({}, criticalCareIncidents()),
      });
      await filtered.knex('weibao_incident_clocks').delete();
      await filtered.knex('weibao_incident_events').delete();
      await filtered.knex('weibao_incidents').delete();
      const mine = (
        await filtered.post(
          '/incidents',
          report({ systemRef: 'icu-longzhou', level: 2 }),
        )
      ).body;
      const theirs = (await filtered.post('/incidents', report())).body;
      await filtered.post('/incidents', report({ level: 1 }));

      const list = (await filtered.get('/incidents')).body;
      expect(list.items.map((i: any) => i.id)).toEqual([mine.id]);
      expect(list.totalCount).toBe(1);
      expect((await filtered.get(`/incidents/${theirs.id}`)).status).toBe(404);
      expect((await filtered.get(`/incidents/${mine.id}`)).status).toBe(200);
      const health = (
        await filtered.get('/systems/default/zlhis-chongzuo/health')
      ).body;
      expect(health).toMatchObject({
        openIncidents: 0,
        breached: 0,
        runningClocks: [],
      });
      // updates are conditional too: the other team's incident cannot be changed
      const update = await filtered.post(`/incidents/${theirs.id}/actions`, {
        type: 'acknowledge',
        version: 1,
      });
      expect(update.status).toBe(403);
      expect(update.body.error.message).toBe(
        `weibao.incident.update: ${LI_NA} may not change incidents on component:default/zlhis-chongzuo (owned by group:default/his-aftersales-guangxi)`,
      );
    });
  },
);
