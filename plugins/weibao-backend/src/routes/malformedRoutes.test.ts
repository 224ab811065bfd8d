/* eslint-disable no-script-url -- these tests are about refusing script URLs */
import { mockCredentials } from '@backstage/backend-test-utils';
import { createWeibaoTestDatabases } from '@weibao/test-support';
import request from 'supertest';
import {
  LI_NA,
  PortalBackend,
  startPortalBackend,
  zlhisReport,
} from '../__testUtils__/portalBackend';
import { snapshotTables } from '../__testUtils__/snapshot';

/*
 * The bad-input corpus on every route (malformed.test.ts goes deep on incidents): each mutating
 * route × malformed JSON, bytes that are not UTF-8, wrong JSON types, hostile text (only
 * zero-width characters, bidirectional overrides, lone surrogates, control characters),
 * hostile links, malformed references and oversize values, generated field by field from one
 * valid body per route; each list route × malformed refs and unknown parameters. Every case
 * must be a 4xx whose message names the field or parameter, never a 5xx, and no table may
 * change (all of the plugin's tables are compared before and after each category).
 */

jest.setTimeout(120_000);

const databases = createWeibaoTestDatabases();
const auth = mockCredentials.user.header(LI_NA);

type Case = {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  raw?: { body: string | Buffer; type: string };
  /** The field or parameter the message must name (dotted, items as .0); one of several. */
  field?: string | string[];
  status?: number;
};

type Fixtures = {
  incident: { id: string; version: number };
  plan: { id: string; version: number };
  duty: { id: string; version: number };
  batch: { id: string; version: number };
};

const CSV_HEADER =
  'item,medium,holderDepartment,count,serials,issuedOn,expiresOn,note';

/** A valid upgrade plan for the queue-calling system. */
const planDraft = () => ({
  systemRef: 'component:default/queue-chongzuo',
  title: '排队叫号 3.2 → 3.3',
  fromVersion: '3.2',
  toVersion: '3.3',
  architecture: 'x86_64',
  targetArchitecture: 'x86_64',
  scope: ['server'],
  window: {
    start: '2026-11-14T20:00:00+08:00',
    end: '2026-11-14T22:00:00+08:00',
    expectedDowntimeMinutes: 30,
  },
  responsible: [LI_NA],
  hospitalContact: { name: '信息科 李主任', contact: '0771-7820000' },
});

/** One valid body per mutating route, with every optional field it may carry. */
function validRequests(fx: Fixtures): Array<{ path: string; body: object }> {
  return [
    {
      path: '/incidents',
      body: {
        ...zlhisReport(),
        occurredAt: '2026-11-02T09:50:00+08:00',
        reportedAt: '2026-11-02T09:55:00+08:00',
        assignees: ['user:default/li.na'],
      },
    },
    {
      path: `/incidents/${fx.incident.id}/actions`,
      body: {
        type: 'resolve',
        version: fx.incident.version,
        method: '重启医保前置机服务',
        result: '结算恢复正常',
        rootCause: 'program-error',
      },
    },
    {
      path: `/incidents/${fx.incident.id}/actions`,
      body: {
        type: 'dispatch',
        version: fx.incident.version,
        assignees: ['user:default/li.na'],
      },
    },
    { path: '/upgrade-plans', body: planDraft() },
    {
      path: `/upgrade-plans/${fx.plan.id}/actions`,
      body: {
        type: 'meet-gate',
        version: fx.plan.version,
        gate: 'test-environment',
        note: '测试环境已验证',
        link: 'https://wiki.example/upgrade/queue-3.3',
      },
    },
    {
      path: `/upgrade-plans/${fx.plan.id}/actions`,
      body: {
        type: 'write-rollback-plan',
        version: fx.plan.version,
        note: '回退方案',
        rollbackPlan: {
          triggerCriteria: '叫号失败超过 5 分钟',
          steps: ['停止服务', '恢复备份'],
          expectedRollbackMinutes: 30,
          backupTaken: { at: '2026-11-02T09:00:00+08:00', note: '全量备份' },
        },
      },
    },
    {
      path: '/drills',
      body: {
        systemRef: 'component:default/queue-chongzuo',
        scenario: '服务器宕机切换',
        performedAt: '2026-11-02T09:00:00+08:00',
        participants: ['李娜'],
        recoveryMinutes: 20,
        targetMinutes: 30,
        findings: '切换顺利',
        followUps: [{ action: '更新手册', owner: '李娜', due: '2026-11-30' }],
      },
    },
    {
      path: `/obligations/${fx.duty.id}/complete`,
      body: {
        version: fx.duty.version,
        note: '已演练',
        links: [{ title: '演练记录', url: 'https://wiki.example/drill/q4' }],
        people: ['李娜'],
      },
    },
    {
      path: `/obligations/${fx.duty.id}/waive`,
      body: { version: fx.duty.version, reason: '医院取消本季度演练' },
    },
    {
      path: '/systems/default/ca-chongzuo/certificates/import',
      body: {
        csv: `${CSV_HEADER}\npersonal-certificate,usb-key,门诊部,1,Z0001,2026-01-01,2027-01-01,`,
      },
    },
    {
      path: `/certificates/${fx.batch.id}/retire`,
      body: { version: fx.batch.version, reason: 'lost', note: '遗失' },
    },
  ];
}

/** Every leaf of a body (arrays by their first item), dotted, with its value. */
function leaves(value: unknown, path = ''): Array<[string, unknown]> {
  if (Array.isArray(value)) {
    return [[path, value], ...leaves(value[0], `${path}.0`)];
  }
  if (value && typeof value === 'object') {
    return [
      ...(path ? [[path, value] as [string, unknown]] : []),
      ...Object.entries(value).flatMap(([k, v]) =>
        leaves(v, path ? `${path}.${k}` : k),
      ),
    ];
  }
  return path ? [[path, value]] : [];
}

function withField(body: object, field: string, value: unknown): object {
  const copy = structuredClone(body) as any;
  const segments = field.split('.');
  let target = copy;
  for (const s of segments.slice(0, -1)) target = target[s];
  target[segments[segments.length - 1]] = value;
  return copy;
}

const REF_FIELDS = ['systemRef'];
const LINK_FIELDS = ['link', 'url'];

const HOSTILE_TEXT: Array<[string, string]> = [
  ['only zero-width characters', '\u200B\u200C\u200D\uFEFF'],
  ['only direction marks', '\u200E\u200F'],
  ['a right-to-left override', 'abc\u202Etxt.exe'],
  ['a lone surrogate', '门诊\uD800收费'],
  ['a control character', '门诊\u0007收费'],
  ['an escape sequence', '\u001B[31m红\u001B[0m'],
  ['a replacement character', '门诊\uFFFD收费'],
];

const HOSTILE_LINKS = [
  'javascript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '/relative/path',
  'not a url',
];

const MALFORMED_REFS = [
  'component:',
  'group:default/his-aftersales-guangxi',
  'component:default/has space',
];

/** Two values of other JSON types than the field's (a scalar and a container). */
function wrongTypes(value: unknown): unknown[] {
  if (typeof value === 'string') return [42, { x: 1 }];
  if (typeof value === 'number') return ['3', [1]];
  if (typeof value === 'boolean') return ['true', 1];
  if (Array.isArray(value)) return ['x', { x: 1 }];
  return ['x', ['x']];
}

/** The corpus, by category. */
const CATEGORIES: Array<[string, (fx: Fixtures) => Case[]]> = [
  [
    'malformed JSON and bytes that are not UTF-8',
    fx =>
      validRequests(fx).flatMap(({ path }) => [
        {
          name: `${path} truncated JSON`,
          method: 'POST',
          path,
          raw: { body: '{"version": 1, "note": ', type: 'application/json' },
          field: 'body',
        },
        {
          name: `${path} invalid UTF-8`,
          method: 'POST',
          path,
          raw: {
            body: Buffer.concat([
              Buffer.from('{"version": 1, "note": "'),
              Buffer.from([0xc3, 0x28, 0xff]),
              Buffer.from('"}'),
            ]),
            type: 'application/json',
          },
          field: 'body',
        },
        {
          name: `${path} a JSON array`,
          method: 'POST',
          path,
          json: [1, 2],
          field: 'body',
        },
      ]),
  ],
  [
    'wrong JSON types, field by field',
    fx =>
      validRequests(fx).flatMap(({ path, body }) =>
        leaves(body)
          .filter(([field]) => field !== 'type')
          .flatMap(([field, value]) =>
            wrongTypes(value).map(wrong => ({
              name: `${path} ${field} as ${JSON.stringify(wrong)}`,
              method: 'POST' as const,
              path,
              json: withField(body, field, wrong),
              field,
            })),
          ),
      ),
  ],
  [
    'hostile text in every string',
    fx =>
      validRequests(fx).flatMap(({ path, body }) =>
        leaves(body)
          .filter(([field, v]) => typeof v === 'string' && field !== 'type')
          .flatMap(([field]) =>
            HOSTILE_TEXT.map(([label, text]) => ({
              name: `${path} ${field} with ${label}`,
              method: 'POST' as const,
              path,
              json: withField(body, field, text),
              field,
            })),
          ),
      ),
  ],
  [
    'hostile links',
    fx =>
      validRequests(fx).flatMap(({ path, body }) =>
        leaves(body)
          .filter(([field]) => LINK_FIELDS.includes(field.split('.').pop()!))
          .flatMap(([field]) =>
            HOSTILE_LINKS.map(link => ({
              name: `${path} ${field} = ${link}`,
              method: 'POST' as const,
              path,
              json: withField(body, field, link),
              field,
            })),
          ),
      ),
  ],
  [
    'malformed references',
    fx =>
      validRequests(fx).flatMap(({ path, body }) =>
        leaves(body)
          .filter(([field]) => REF_FIELDS.includes(field))
          .flatMap(([field]) =>
            MALFORMED_REFS.map(ref => ({
              name: `${path} ${field} = ${ref}`,
              method: 'POST' as const,
              path,
              json: withField(body, field, ref),
              field,
            })),
          ),
      ),
  ],
  [
    'oversize values',
    fx =>
      validRequests(fx).flatMap(({ path, body }) => [
        ...leaves(body)
          .filter(([field, v]) => typeof v === 'string' && field !== 'csv')
          .map(([field]) => ({
            name: `${path} ${field} of 10,001 characters`,
            method: 'POST' as const,
            path,
            json: withField(body, field, '长'.repeat(10_001)),
            field,
          })),
        {
          name: `${path} a body of 3 MB`,
          method: 'POST' as const,
          path,
          json: { ...body, padding: 'x'.repeat(3_000_000) },
          // over the body limit, or (the certificate import takes 2 MB files) an unknown field
          field: ['body', 'padding'],
        },
      ]),
  ],
  [
    'unknown fields',
    fx =>
      validRequests(fx).map(({ path, body }) => ({
        name: `${path} with an unknown field`,
        method: 'POST' as const,
        path,
        json: { ...body, isAdmin: true },
        field: 'isAdmin',
      })),
  ],
  [
    'list routes: malformed refs and unknown parameters',
    () =>
      [
        ['/incidents', ['systemRef', 'hospitalRef', 'ownerRef']],
        ['/obligations', ['contractRef', 'systemRef', 'ownerRef']],
        ['/upgrade-plans', ['systemRef', 'hospitalRef', 'ownerRef']],
        ['/drills', ['systemRef']],
        ['/hospital-systems', ['owner']],
        ['/team-overview', ['ownerRef']],
        ['/contract-standing', ['entityRef']],
      ].flatMap(([route, params]) => [
        ...(params as string[]).flatMap(param =>
          ['component:', 'a:b:c', 'x%00y', 'group:default/has%20space'].map(
            ref => ({
              name: `${route}?${param}=${ref}`,
              method: 'GET' as const,
              path: `${route}?${param}=${ref}`,
              field: param,
            }),
          ),
        ),
        {
          name: `${route}?sneaky=1`,
          method: 'GET' as const,
          path: `${route}?sneaky=1`,
          field: 'sneaky',
        },
      ]),
  ],
];

describe.each(databases.eachSupportedId())(
  'malformed requests on every route on %p',
  databaseId => {
    let backend: PortalBackend;
    let fixtures: Fixtures;

    const send = (c: Case) => {
      const url = `/api/weibao${c.path}`;
      const req =
        c.method === 'GET'
          ? request(backend.server).get(url)
          : request(backend.server).post(url);
      req.set('Authorization', auth);
      if (c.raw) {
        // sent as the bytes they are (superagent would serialise a Buffer as JSON)
        return req
          .set('Content-Type', c.raw.type)
          .serialize(b => b)
          .send(c.raw.body);
      }
      return c.json === undefined ? req : req.send(c.json as object);
    };

    beforeAll(async () => {
      backend = await startPortalBackend(databases, databaseId, {
        start: '2026-11-02T10:00:00+08:00',
      });
      await backend.syncObligations();
      const ok = (res: request.Response) => {
        if (res.status >= 300) {
          throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
        }
        return res.body;
      };
      const incident = ok(
        await backend.post('/incidents', {
          ...zlhisReport(),
          occurredAt: '2026-11-02T09:50:00+08:00',
          reportedAt: '2026-11-02T09:55:00+08:00',
        }),
      );
      const plan = ok(await backend.post('/upgrade-plans', planDraft()));
      ok(
        await backend.post('/systems/default/ca-chongzuo/certificates/import', {
          csv: `${CSV_HEADER}\npersonal-certificate,usb-key,门诊部,2,A0001-A0002,2026-01-01,2027-01-01,`,
        }),
      );
      const register = ok(
        await backend.get('/systems/default/ca-chongzuo/certificates'),
      );
      const duties = ok(
        await backend.get(
          '/obligations?contractRef=chongzuo-mch-2026&kind=drill&limit=1',
        ),
      );
      fixtures = {
        incident,
        plan,
        duty: duties.items[0],
        batch: register.batches[0],
      };
    });

    it.each(CATEGORIES)(
      'refuses %s, naming the field, changing nothing',
      async (_, build) => {
        const before = await snapshotTables(backend.knex);
        const failures: object[] = [];
        for (const c of build(fixtures)) {
          const res = await send(c);
          const message = res.body?.error?.message;
          const problems: string[] = [];
          const expected = c.status ?? 400;
          if (res.status !== expected) {
            problems.push(`status ${res.status}, expected ${expected}`);
          }
          if (typeof message !== 'string' || !message.trim()) {
            problems.push('no error.message');
          } else if (
            c.field &&
            ![c.field].flat().some(f => namesField(message, f))
          ) {
            problems.push(`the message does not name ${c.field}`);
          }
          if (problems.length)
            failures.push({ case: c.name, problems, message });
        }
        expect(failures).toEqual([]);
        expect(await snapshotTables(backend.knex)).toBe(before);
      },
    );

    it('has cases on every route that takes input', () => {
      const total = CATEGORIES.reduce((n, [, b]) => n + b(fixtures).length, 0);
      expect(total).toBeGreaterThan(700);
      const paths = new Set(
        CATEGORIES.flatMap(([, build]) => build(fixtures)).map(c =>
          c.path.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*/, ''),
        ),
      );
      expect([...paths].sort()).toEqual(
        [
          '/certificates/:id/retire',
          '/contract-standing',
          '/drills',
          '/hospital-systems',
          '/incidents',
          '/incidents/:id/actions',
          '/obligations',
          '/obligations/:id/complete',
          '/obligations/:id/waive',
          '/systems/default/ca-chongzuo/certificates/import',
          '/team-overview',
          '/upgrade-plans',
          '/upgrade-plans/:id/actions',
        ].sort(),
      );
    });
  },
);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether the message names the dotted field: `links[0].url: …` as the service words it,
 * `request/body/links/0/url …` as the OpenAPI validator does, `request/body/links/0 must have
 * required property 'url'`, or quoted as in `Unknown query parameter 'foo'`.
 */
function namesField(message: string, field: string): boolean {
  // the body as a whole; the CSV document by the part of the file at fault
  if (field === 'body' && /^(request\/body |body: )/.test(message)) return true;
  if (field === 'csv' && /^(csv|header): line \d+: /.test(message)) return true;
  const segments = field.split('.');
  const service = segments
    .map((s, i) => {
      if (i === 0) return s;
      return /^\d+$/.test(s) ? `[${s}]` : `.${s}`;
    })
    .join('');
  const parent = segments.slice(0, -1).join('/');
  const leaf = segments[segments.length - 1];
  return [
    `(^|[^\\w-])${escapeRe(service)}:`,
    `request/(body|query|params)/${escapeRe(segments.join('/'))}(?![\\w-])`,
    `request/body${
      parent ? `/${escapeRe(parent)}` : ''
    } must have required property '${escapeRe(leaf)}'`,
    `'${escapeRe(field)}'`,
  ].some(p => new RegExp(p).test(message));
}
