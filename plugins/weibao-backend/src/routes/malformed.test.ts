import { mockCredentials } from '@backstage/backend-test-utils';
import {
  createWeibaoTestDatabases,
  exampleCatalog,
} from '@weibao/test-support';
import request from 'supertest';
import {
  LI_NA,
  PortalBackend,
  startPortalBackend,
  zlhisReport,
} from '../__testUtils__/portalBackend';

/*
 * A corpus of malformed requests, generated field by field from valid ones. Every one must be
 * refused with a 4xx whose JSON `error.message` is non-empty and names the field involved, and
 * none may change a single row.
 */

jest.setTimeout(60_000);

const databases = createWeibaoTestDatabases();

const auth = mockCredentials.user.header(LI_NA);

/** A valid report: level 3 on ZLHIS, covered by the Chongzuo contract (levels 1 to 4). */
const report = (): Record<string, unknown> => ({
  ...zlhisReport(),
  assignees: ['user:default/li.na'],
});

type Kind = 'string' | 'integer' | 'array' | 'object';

/** One value of each JSON type, keyed by the name the case takes. */
const SAMPLES: Array<[string, Kind | 'number' | 'null' | 'boolean', unknown]> =
  [
    ['a number', 'number', 42],
    ['a string', 'string', '3'],
    ['null', 'null', null],
    ['an array', 'array', ['x']],
    ['an object', 'object', { x: 1 }],
    ['a boolean', 'boolean', true],
  ];

/** The JSON values of a type other than the field's. */
function wrongTypes(kind: Kind): Array<[string, unknown]> {
  const accepted = kind === 'integer' ? 'number' : kind;
  return SAMPLES.filter(([, type]) => type !== accepted).map(
    ([label, , value]) => [label, value],
  );
}

/** The report's fields (dotted for nested ones), their JSON kinds and maximum lengths. */
const REPORT_FIELDS: Array<{
  field: string;
  kind: Kind;
  max?: number;
  itemMax?: number;
}> = [
  { field: 'systemRef', kind: 'string', max: 255 },
  { field: 'title', kind: 'string', max: 200 },
  { field: 'symptoms', kind: 'string', max: 4000 },
  { field: 'module', kind: 'string', max: 100 },
  { field: 'impact', kind: 'object' },
  { field: 'impact.modules', kind: 'array', max: 30, itemMax: 100 },
  { field: 'impact.processes', kind: 'array', max: 30, itemMax: 100 },
  { field: 'impact.userGroups', kind: 'array', max: 30, itemMax: 100 },
  { field: 'reporter', kind: 'object' },
  { field: 'reporter.name', kind: 'string', max: 100 },
  { field: 'reporter.contact', kind: 'string', max: 100 },
  { field: 'channel', kind: 'string' },
  { field: 'type', kind: 'string' },
  { field: 'urgency', kind: 'string' },
  { field: 'level', kind: 'integer' },
  { field: 'occurredAt', kind: 'string' },
  { field: 'reportedAt', kind: 'string' },
  { field: 'assignees', kind: 'array', max: 10, itemMax: 255 },
];

const REQUIRED_REPORT_FIELDS = [
  'systemRef',
  'title',
  'symptoms',
  'reporter',
  'reporter.name',
  'reporter.contact',
  'channel',
  'type',
  'urgency',
  'level',
  'occurredAt',
  'reportedAt',
];

/** A copy of the body with the dotted field set to the value, or removed when `remove`. */
function withField(
  body: Record<string, unknown>,
  field: string,
  value: unknown,
  remove = false,
): Record<string, unknown> {
  const copy = structuredClone(body);
  const path = field.split('.');
  let target = copy as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) {
    target = target[segment] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete target[last];
  else target[last] = value;
  return copy;
}

const MALFORMED_INSTANTS: Array<[string, unknown]> = [
  ['a word', 'yesterday'],
  ['no offset', '2026-09-18T17:00:00'],
  ['month 13', '2026-13-01T00:00:00Z'],
  ['30 February', '2026-02-30T00:00:00Z'],
  ['hour 25', '2026-09-18T25:00:00Z'],
  ['a date alone', '2026-09-18'],
  ['a time alone', '17:00'],
  ['no seconds', '2026-09-18 17:00'],
  ['epoch milliseconds as text', '1758186000000'],
  ['epoch milliseconds as a number', 1758186000000],
  ['an empty string', ''],
  ['a leap second that was not', '2026-09-18T23:59:60Z'],
];

type ActionType =
  | 'acknowledge'
  | 'dispatch'
  | 'arrive'
  | 'grant-remote-permission'
  | 'start-remote'
  | 'resolve'
  | 'confirm'
  | 'close'
  | 'reopen'
  | 'regrade'
  | 'pause'
  | 'resume'
  | 'note'
  | 'reassign';

/** A valid body (beside type and version) for each action, with every field it may carry. */
const ACTIONS: Record<ActionType, Record<string, unknown>> = {
  acknowledge: {},
  dispatch: { assignees: ['user:default/li.na'] },
  arrive: {},
  'grant-remote-permission': { grantedBy: '信息科 李主任', note: '电话授权' },
  'start-remote': {},
  resolve: {
    method: '重启医保前置机服务',
    result: '结算恢复正常',
    rootCause: 'program-error',
  },
  confirm: { confirmedBy: '收费室 王护士长', note: '已确认' },
  close: { rootCause: 'operator-error' },
  reopen: { reason: '次日再次出现超时' },
  regrade: { level: 2, reason: '所有收费窗口无法结算' },
  pause: { reason: '等待医院停机窗口' },
  resume: {},
  note: { text: '再次电话确认' },
  reassign: { assignees: ['user:default/li.na'] },
};

const REQUIRED_ACTION_FIELDS: Partial<Record<ActionType, string[]>> = {
  'grant-remote-permission': ['grantedBy'],
  resolve: ['method', 'result'],
  confirm: ['confirmedBy'],
  reopen: ['reason'],
  regrade: ['level', 'reason'],
  pause: ['reason'],
  note: ['text'],
  reassign: ['assignees'],
};

/** Every field an action may carry (but type, version and at), with a valid value and its limits. */
const ACTION_FIELDS: Record<
  string,
  { kind: Kind; valid: unknown; max?: number; enum?: boolean }
> = {
  assignees: { kind: 'array', valid: ['user:default/li.na'], max: 10 },
  grantedBy: { kind: 'string', valid: '信息科 李主任', max: 100 },
  confirmedBy: { kind: 'string', valid: '收费室 王护士长', max: 100 },
  method: { kind: 'string', valid: '重启服务', max: 2000 },
  result: { kind: 'string', valid: '恢复正常', max: 2000 },
  rootCause: { kind: 'string', valid: 'other', enum: true },
  level: { kind: 'integer', valid: 2 },
  reason: { kind: 'string', valid: '原因', max: 500 },
  note: { kind: 'string', valid: '备注', max: 2000 },
  text: { kind: 'string', valid: '记录', max: 4000 },
};

type Fixture = { id: string; version: number };
/** Incidents created before the corpus, in known states, to act on. */
type Fixtures = Record<
  'reported' | 'acknowledged' | 'paused' | 'confirmed' | 'closed',
  Fixture
>;

type Case = {
  /** Says which request it was when it fails. */
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as they are, with these headers. */
  raw?: { body: string | Buffer; headers: Record<string, string> };
  /** The field the error message must name; dotted for nested ones, e.g. reporter.name. */
  field?: string;
  /** The expected status; 400 unless said. */
  status?: number;
  /** An unknown field: the message must name it too (`request/body/foo: unknown field…`). */
  unnamed?: boolean;
};

const post = (
  path: string,
  json: unknown,
  name: string,
  field?: string,
  status?: number,
): Case => ({ name, method: 'POST', path, json, field, status });

const get = (
  path: string,
  name: string,
  field?: string,
  status?: number,
): Case => ({ name, method: 'GET', path, field, status });

const raw = (
  path: string,
  name: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Case => ({ name, method: 'POST', path, raw: { body, headers } });

const UNKNOWN_ID = '6f1c1a52-8f55-4a57-9b0f-1c1f4bb7b7a1';

const actionsOf = (id: string) => `/incidents/${id}/actions`;

/** An action on an incident: `{type, version, ...body}`. */
const action = (
  on: Fixture,
  type: string,
  body: Record<string, unknown>,
  name: string,
  field?: string,
  status?: number,
) =>
  post(
    actionsOf(on.id),
    { type, version: on.version, ...body },
    name,
    field,
    status,
  );

const cursorOf = (value: string) => Buffer.from(value).toString('base64url');

/** The corpus, by category. */
const CATEGORIES: Array<[string, (fx: Fixtures) => Case[]]> = [
  [
    'report: wrong JSON types',
    () =>
      REPORT_FIELDS.flatMap(({ field, kind }) =>
        wrongTypes(kind).map(([label, value]) =>
          post(
            '/incidents',
            withField(report(), field, value),
            `${field} as ${label}`,
            field,
          ),
        ),
      ),
  ],
  [
    'report: missing required fields',
    () =>
      REQUIRED_REPORT_FIELDS.map(field =>
        post(
          '/incidents',
          withField(report(), field, undefined, true),
          `without ${field}`,
          field,
        ),
      ),
  ],
  [
    'report: empty strings, empty or mistyped items',
    () => [
      ...REPORT_FIELDS.filter(f => f.kind === 'string').map(({ field }) =>
        post(
          '/incidents',
          withField(report(), field, ''),
          `${field} empty`,
          field,
        ),
      ),
      ...REPORT_FIELDS.filter(f => f.kind === 'array').map(({ field }) =>
        post(
          '/incidents',
          withField(report(), field, ['']),
          `${field} with an empty item`,
          `${field}.0`,
        ),
      ),
      ...REPORT_FIELDS.filter(f => f.kind === 'array').map(({ field }) =>
        post(
          '/incidents',
          withField(report(), field, [7]),
          `${field} with a number item`,
          `${field}.0`,
        ),
      ),
    ],
  ],
  [
    'report: oversize values',
    () =>
      REPORT_FIELDS.filter(f => f.max !== undefined).flatMap(
        ({ field, kind, max, itemMax }) => {
          if (kind === 'array') {
            return [
              post(
                '/incidents',
                withField(
                  report(),
                  field,
                  Array.from(
                    { length: max! + 1 },
                    (_, i) => `user:default/u${i}`,
                  ),
                ),
                `${field} with ${max! + 1} items`,
                field,
              ),
              post(
                '/incidents',
                withField(report(), field, ['x'.repeat(itemMax! + 1)]),
                `${field} with a ${itemMax! + 1}-character item`,
                `${field}.0`,
              ),
            ];
          }
          return [
            post(
              '/incidents',
              withField(report(), field, 'x'.repeat(max! + 1)),
              `${field} of ${max! + 1} characters`,
              field,
            ),
          ];
        },
      ),
  ],
  [
    'report: levels out of range or not in the contract',
    () =>
      [0, 10, -1, 2.5, '2', 1e9, 5, 6, 7, 8, 9].map(level =>
        post(
          '/incidents',
          { ...report(), level },
          `level ${JSON.stringify(level)}`,
          'level',
        ),
      ),
  ],
  [
    'report: unknown enum values',
    () =>
      (
        [
          ['channel', ['fax', 'Hotline', 'HOTLINE', ' hotline', 'phone']],
          ['type', ['incident', 'Request', 'bug']],
          ['urgency', ['critical', 'Urgent', 'very urgent', 'low']],
        ] as const
      ).flatMap(([field, values]) =>
        values.map(value =>
          post(
            '/incidents',
            { ...report(), [field]: value },
            `${field} "${value}"`,
            field,
          ),
        ),
      ),
  ],
  [
    'report: malformed instants',
    () => [
      ...['occurredAt', 'reportedAt'].flatMap(field =>
        MALFORMED_INSTANTS.map(([label, value]) =>
          post(
            '/incidents',
            { ...report(), [field]: value },
            `${field} ${label}`,
            field,
          ),
        ),
      ),
      post(
        '/incidents',
        { ...report(), reportedAt: '2099-01-01T00:00:00Z' },
        'reportedAt in the future',
        'reportedAt',
      ),
      post(
        '/incidents',
        {
          ...report(),
          occurredAt: '2099-01-01T00:00:00Z',
          reportedAt: '2099-01-01T00:00:00Z',
        },
        'occurredAt and reportedAt in the future',
        'occurredAt',
      ),
      post(
        '/incidents',
        { ...report(), occurredAt: '2026-09-18T17:01:00+08:00' },
        'occurredAt after reportedAt',
        'occurredAt',
      ),
    ],
  ],
  [
    'report: unknown extra fields',
    () =>
      [
        ...[
          'id',
          'version',
          'status',
          'hospitalRef',
          'ownerRef',
          'contractRef',
          'clocks',
          'createdBy',
          'terms',
          'foo',
        ].map(field =>
          post(
            '/incidents',
            { ...report(), [field]: 'x' },
            `extra ${field}`,
            field,
          ),
        ),
        post(
          '/incidents',
          withField(report(), 'reporter.phone', '110'),
          'extra reporter.phone',
          'reporter.phone',
        ),
        post(
          '/incidents',
          withField(report(), 'impact.beds', ['x']),
          'extra impact.beds',
          'impact.beds',
        ),
      ].map(c => ({ ...c, unnamed: true })),
  ],
  [
    'report: ill-formed or unknown systemRef',
    () =>
      (
        [
          ['not a ref', 'component:'],
          ['only a kind and a namespace', 'component:default/'],
          ['a namespace with a colon', 'component:default:zlhis/chongzuo'],
          ['too short', 'ab'],
          ['a System', 'system:default/chongzuo-mch'],
          ['a Group', 'group:default/his-aftersales-guangxi'],
          ['a contract', 'maintenancecontract:default/chongzuo-mch-2026'],
          ['a ghost component', 'component:default/ghost'],
          ['a ghost namespace', 'component:elsewhere/zlhis-chongzuo'],
          ['a ghost, 255 characters', `component:default/${'g'.repeat(237)}`],
        ] as const
      ).map(([label, systemRef]) =>
        post(
          '/incidents',
          { ...report(), systemRef },
          `systemRef ${label}`,
          'systemRef',
        ),
      ),
  ],
  [
    'report: assignees that are not users',
    () =>
      [
        'group:default/vendor',
        'component:default/zlhis-chongzuo',
        'user:',
        ':/',
      ].map(a =>
        post(
          '/incidents',
          { ...report(), assignees: ['user:default/li.na', a] },
          `assignee ${a}`,
          'assignees.1',
        ),
      ),
  ],
  [
    'bodies: not JSON, not an object, wrong content types, too large',
    fx => {
      const json = { 'Content-Type': 'application/json' };
      const targets: Array<[string, string, string]> = [
        ['report', '/incidents', JSON.stringify(report())],
        [
          'action',
          actionsOf(fx.reported.id),
          JSON.stringify({ type: 'acknowledge', version: 1 }),
        ],
      ];
      return targets.flatMap(([label, path, valid]) => [
        raw(path, `${label}: broken JSON`, '{"title": ', json),
        raw(path, `${label}: unquoted keys`, '{title: "x"}', json),
        raw(path, `${label}: single quotes`, "{'type': 'acknowledge'}", json),
        raw(path, `${label}: trailing comma`, `${valid.slice(0, -1)},}`, json),
        raw(path, `${label}: NaN`, 'NaN', json),
        raw(path, `${label}: a JSON array`, `[${valid}]`, json),
        raw(path, `${label}: an empty JSON array`, '[]', json),
        raw(path, `${label}: a JSON string`, JSON.stringify(valid), json),
        raw(path, `${label}: a JSON number`, '42', json),
        raw(path, `${label}: JSON null`, 'null', json),
        raw(path, `${label}: JSON true`, 'true', json),
        raw(path, `${label}: an empty body`, '', json),
        raw(path, `${label}: an empty object`, '{}', json),
        raw(
          path,
          `${label}: a __proto__ key`,
          `{"__proto__":{"x":1},${valid.slice(1)}`,
          json,
        ),
        raw(path, `${label}: text/plain`, valid, {
          'Content-Type': 'text/plain',
        }),
        raw(path, `${label}: a form`, 'type=acknowledge&version=1', {
          'Content-Type': 'application/x-www-form-urlencoded',
        }),
        raw(path, `${label}: multipart`, '--b\r\n\r\nx\r\n--b--', {
          'Content-Type': 'multipart/form-data; boundary=b',
        }),
        raw(path, `${label}: XML`, '<incident/>', {
          'Content-Type': 'application/xml',
        }),
        raw(path, `${label}: no content type`, Buffer.from(valid), {}),
        raw(path, `${label}: an unknown charset`, valid, {
          'Content-Type': 'application/json; charset=klingon',
        }),
        raw(path, `${label}: gzip that is not`, valid, {
          ...json,
          'Content-Encoding': 'gzip',
        }),
        raw(path, `${label}: an unknown encoding`, valid, {
          ...json,
          'Content-Encoding': 'compress',
        }),
        raw(
          path,
          `${label}: more than 100 kB`,
          JSON.stringify({
            ...JSON.parse(valid),
            symptoms: 'x'.repeat(120_000),
          }),
          json,
        ),
      ]);
    },
  ],
  [
    'actions: missing required fields',
    fx =>
      Object.entries(REQUIRED_ACTION_FIELDS).flatMap(([type, fields]) =>
        fields!.map(field =>
          action(
            fx.reported,
            type,
            withField(ACTIONS[type as ActionType], field, undefined, true),
            `${type} without ${field}`,
            field,
          ),
        ),
      ),
  ],
  [
    'actions: wrong field types and values',
    fx =>
      (Object.keys(ACTIONS) as ActionType[]).flatMap(type =>
        Object.keys(ACTIONS[type]).flatMap(field => {
          const spec = ACTION_FIELDS[field];
          const bad: Array<[string, unknown, string]> = wrongTypes(
            spec.kind,
          ).map(([label, value]) => [label, value, field]);
          if (spec.kind === 'string') bad.push(['empty', '', field]);
          if (spec.max && spec.kind === 'string') {
            bad.push([
              `${spec.max + 1} characters`,
              'x'.repeat(spec.max + 1),
              field,
            ]);
          }
          if (spec.enum) bad.push(['an unknown value', 'gremlins', field]);
          if (spec.kind === 'array') {
            bad.push(
              [
                `${spec.max! + 1} items`,
                Array(spec.max! + 1).fill('user:default/li.na'),
                field,
              ],
              ['an empty item', [''], `${field}.0`],
              ['a number item', [1], `${field}.0`],
              ['a group', ['group:default/vendor'], `${field}.0`],
            );
          }
          if (spec.kind === 'integer') {
            bad.push(
              ['0', 0, field],
              ['10', 10, field],
              ['-1', -1, field],
              ['2.5', 2.5, field],
              ['5, not in the contract', 5, field],
              ['3, the level it has', 3, field],
            );
          }
          if (type === 'reassign') bad.push(['no one', [], field]);
          return bad.map(([label, value, named]) =>
            action(
              fx.reported,
              type,
              { ...ACTIONS[type], [field]: value },
              `${type} with ${field} ${label}`,
              named,
            ),
          );
        }),
      ),
  ],
  [
    'actions: fields that belong to other actions',
    fx =>
      (Object.keys(ACTIONS) as ActionType[]).flatMap(type =>
        Object.keys(ACTION_FIELDS)
          .filter(field => !(field in ACTIONS[type]))
          .map(field =>
            action(
              fx.reported,
              type,
              { ...ACTIONS[type], [field]: ACTION_FIELDS[field].valid },
              `${field} on ${type}`,
              field,
            ),
          ),
      ),
  ],
  [
    'actions: unknown fields, type and version',
    fx => [
      ...['foo', 'id', 'status', 'actor', 'payload', 'seq'].map(field => ({
        ...action(
          fx.reported,
          'acknowledge',
          { [field]: 'x' },
          `extra ${field}`,
          field,
        ),
        unnamed: true,
      })),
      ...(
        [
          ['missing', undefined],
          ['null', null],
          ['a number', 1],
          ['empty', ''],
          ['unknown', 'escalate'],
          ['capitalised', 'Acknowledge'],
          ['the reported event', 'reported'],
          ['an array', ['acknowledge']],
        ] as const
      ).map(([label, type]) =>
        post(
          actionsOf(fx.reported.id),
          { type, version: 1 },
          `type ${label}`,
          'type',
        ),
      ),
      ...(
        [
          ['missing', undefined],
          ['zero', 0],
          ['negative', -1],
          ['fractional', 1.5],
          ['a string', '1'],
          ['null', null],
          ['a boolean', true],
          ['an array', [1]],
        ] as const
      ).map(([label, version]) =>
        post(
          actionsOf(fx.reported.id),
          { type: 'acknowledge', version },
          `version ${label}`,
          'version',
        ),
      ),
      action(
        { ...fx.acknowledged, version: 1 },
        'note',
        { text: '过期' },
        'version stale',
        'version',
        409,
      ),
      action(
        { ...fx.closed, version: fx.closed.version - 1 },
        'reopen',
        { reason: '过期' },
        'version stale by one',
        'version',
        409,
      ),
      action(
        { ...fx.reported, version: 2 },
        'acknowledge',
        {},
        'version ahead',
        'version',
        409,
      ),
      action(
        { ...fx.reported, version: 2 ** 53 },
        'acknowledge',
        {},
        'version 2^53',
        'version',
        409,
      ),
    ],
  ],
  [
    'actions: impossible transitions',
    fx => {
      const refused = (
        on: Fixture,
        type: ActionType,
        state: string,
        status = 409,
        field = 'type',
      ) =>
        action(
          on,
          type,
          ACTIONS[type],
          `${type} on a ${state} incident`,
          field,
          status,
        );
      return [
        refused(fx.reported, 'resolve', 'reported'),
        refused(fx.reported, 'dispatch', 'reported'),
        refused(fx.reported, 'arrive', 'reported'),
        refused(fx.reported, 'start-remote', 'reported'),
        refused(fx.reported, 'confirm', 'reported'),
        refused(fx.reported, 'close', 'reported'),
        refused(fx.reported, 'reopen', 'reported'),
        refused(fx.reported, 'pause', 'reported'),
        refused(fx.reported, 'resume', 'reported'),
        refused(fx.acknowledged, 'acknowledge', 'acknowledged'),
        refused(fx.acknowledged, 'arrive', 'acknowledged'),
        refused(
          fx.acknowledged,
          'start-remote',
          'acknowledged (no permission)',
        ),
        refused(
          fx.acknowledged,
          'confirm',
          'acknowledged (confirm before resolve)',
        ),
        refused(fx.acknowledged, 'close', 'acknowledged'),
        refused(fx.acknowledged, 'reopen', 'acknowledged'),
        refused(fx.acknowledged, 'resume', 'acknowledged (not paused)'),
        refused(fx.paused, 'pause', 'paused'),
        refused(fx.confirmed, 'resolve', 'confirmed'),
        refused(fx.confirmed, 'confirm', 'confirmed'),
        refused(fx.confirmed, 'acknowledge', 'confirmed'),
        refused(fx.closed, 'acknowledge', 'closed'),
        refused(fx.closed, 'resolve', 'closed'),
        refused(fx.closed, 'close', 'closed'),
        refused(fx.closed, 'regrade', 'closed'),
        refused(fx.closed, 'reassign', 'closed'),
        refused(fx.closed, 'pause', 'closed'),
        refused(fx.closed, 'grant-remote-permission', 'closed'),
        action(
          fx.confirmed,
          'close',
          {},
          'close without rootCause',
          'rootCause',
        ),
      ];
    },
  ],
  [
    'actions: malformed, future and backdated instants',
    fx => [
      ...MALFORMED_INSTANTS.map(([label, at]) =>
        action(fx.reported, 'acknowledge', { at }, `at ${label}`, 'at'),
      ),
      action(fx.reported, 'acknowledge', { at: null }, 'at null', 'at'),
      action(
        fx.reported,
        'acknowledge',
        { at: '2099-01-01T00:00:00Z' },
        'at in the future',
        'at',
      ),
      action(
        fx.reported,
        'acknowledge',
        { at: '2026-09-18T16:59:00+08:00' },
        'at before the report',
        'at',
      ),
      action(
        fx.acknowledged,
        'note',
        { text: '补记', at: '2026-09-18T17:10:00+08:00' },
        'at before the last event',
        'at',
      ),
      action(
        fx.closed,
        'reopen',
        { reason: '补记', at: '1970-01-01T00:00:00Z' },
        'at in 1970',
        'at',
      ),
    ],
  ],
  [
    'actions and reads: ill-formed and unknown ids',
    fx => {
      const ids: Array<[string, string]> = [
        ['not a UUID', 'not-a-uuid'],
        ['a number', '123'],
        ['no dashes', fx.reported.id.replace(/-/g, '')],
        ['a character too many', `${fx.reported.id}0`],
        ['braces', `{${fx.reported.id}}`],
        ['not hex', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'],
        ['a space', '%20'],
        ['SQL', encodeURIComponent("' OR 1=1 --")],
        ['a NUL', '%00'],
      ];
      return [
        ...ids.map(([label, id]) =>
          post(
            actionsOf(id),
            { type: 'acknowledge', version: 1 },
            `act on ${label}`,
            'id',
          ),
        ),
        ...ids.map(([label, id]) =>
          get(`/incidents/${id}`, `read ${label}`, 'id'),
        ),
        post(
          actionsOf(UNKNOWN_ID),
          { type: 'acknowledge', version: 1 },
          'act on an unknown UUID',
          undefined,
          404,
        ),
        post(
          actionsOf(fx.reported.id.toUpperCase()),
          { type: 'acknowledge', version: 1 },
          'act on an upper-case UUID',
          undefined,
          404,
        ),
        get(`/incidents/${UNKNOWN_ID}`, 'read an unknown UUID', undefined, 404),
      ];
    },
  ],
  [
    'list: query parameters',
    () => {
      const list = (query: string, field: string) =>
        get(`/incidents?${query}`, query.slice(0, 80), field);
      return [
        ...['0', '10', '-1', '2.5', 'x', '', 'one', '3&level=0'].map(v =>
          list(`level=${v}`, 'level'),
        ),
        list(Array(10).fill('level=1').join('&'), 'level'),
        list(
          Array(51)
            .fill('ownerRef=group:default/his-aftersales-guangxi')
            .join('&'),
          'ownerRef',
        ),
        list(
          'ownerRef=group:default/his-aftersales-guangxi&ownerRef=ab',
          'ownerRef',
        ),
        ...['yes', '1', '0', 'TRUE', 'null', ''].flatMap(v => [
          list(`breached=${v}`, 'breached'),
          list(`atRisk=${v}`, 'atRisk'),
        ]),
        ...['pending', 'OPEN', '', 'open,closed'].map(v =>
          list(`status=${encodeURIComponent(v)}`, 'status'),
        ),
        list(Array(10).fill('status=open').join('&'), 'status'),
        ...['0', '201', 'x', '-1', '1.5', '', '1e3'].map(v =>
          list(`limit=${v}`, 'limit'),
        ),
        ...[
          'x',
          '',
          'a'.repeat(201),
          cursorOf('[]'),
          cursorOf('{"r":"x","id":"y"}'),
          cursorOf('{"r":1}'),
          cursorOf('{"id":"y"}'),
          cursorOf('null'),
        ].map(v => list(`cursor=${encodeURIComponent(v)}`, 'cursor')),
        ...['reportedFrom', 'reportedTo'].flatMap(field =>
          MALFORMED_INSTANTS.filter(([, v]) => typeof v === 'string').map(
            ([, v]) => list(`${field}=${encodeURIComponent(String(v))}`, field),
          ),
        ),
        ...['systemRef', 'hospitalRef', 'ownerRef'].flatMap(field => [
          list(`${field}=`, field),
          list(`${field}=ab`, field),
          list(`${field}=${'x'.repeat(256)}`, field),
          list(`${field}=${encodeURIComponent('component:')}`, field),
          list(`${field}=${encodeURIComponent('component:default/')}`, field),
        ]),
        list('q=', 'q'),
        list(`q=${'x'.repeat(101)}`, 'q'),
        ...['foo=bar', 'page=2', 'offset=10', 'sort=title', 'Level=1'].map(q =>
          list(q, q.split('=')[0]),
        ),
      ];
    },
  ],
  [
    'strings with a NUL character (PostgreSQL cannot store one in text)',
    fx => [
      ...[
        'systemRef',
        'title',
        'symptoms',
        'module',
        'reporter.name',
        'reporter.contact',
      ].map(field =>
        post(
          '/incidents',
          withField(report(), field, `门诊\u0000收费`),
          `report ${field}`,
          field,
        ),
      ),
      ...[
        'impact.modules',
        'impact.processes',
        'impact.userGroups',
        'assignees',
      ].map(field =>
        post(
          '/incidents',
          withField(report(), field, ['user:default/li.na\u0000']),
          `report ${field} item`,
          `${field}.0`,
        ),
      ),
      ...(Object.keys(ACTIONS) as ActionType[]).flatMap(type =>
        Object.keys(ACTIONS[type])
          .filter(
            field =>
              ACTION_FIELDS[field].kind === 'string' &&
              !ACTION_FIELDS[field].enum,
          )
          .map(field =>
            action(
              fx.reported,
              type,
              { ...ACTIONS[type], [field]: 'a\u0000b' },
              `${type} ${field}`,
              field,
            ),
          ),
      ),
      action(
        fx.reported,
        'reassign',
        { assignees: ['user:default/li.na\u0000'] },
        'reassign assignees item',
        'assignees.0',
      ),
      ...['q', 'systemRef', 'hospitalRef', 'ownerRef'].map(field =>
        get(`/incidents?${field}=abc%00`, `list ${field}`, field),
      ),
      get('/systems/default/zlhis%00/health', 'health name', 'name'),
      get(
        '/systems/def%00ault/zlhis-chongzuo/health',
        'health namespace',
        'namespace',
      ),
    ],
  ],
  [
    'health: over-long names',
    () => [
      get(`/systems/default/${'n'.repeat(64)}/health`, 'name of 64', 'name'),
      get(
        `/systems/default/${'n'.repeat(2000)}/health`,
        'name of 2000',
        'name',
      ),
      get(
        `/systems/${'n'.repeat(64)}/zlhis-chongzuo/health`,
        'namespace of 64',
        'namespace',
      ),
      get(
        `/systems/${'n'.repeat(64)}/${'n'.repeat(64)}/health`,
        'both of 64',
        'namespace',
      ),
    ],
  ],
];

const TABLES = [
  'weibao_incidents',
  'weibao_incident_events',
  'weibao_incident_clocks',
  'weibao_incident_clock_alerts',
];

/** Row counts of the four tables and every row of incidents and timelines, as one string. */
async function snapshot(knex: PortalBackend['knex']): Promise<string> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await knex(table).count({ n: '*' }).first();
    counts[table] = Number(row?.n);
  }
  const incidents = await knex('weibao_incidents').orderBy('id');
  const events = await knex('weibao_incident_events').orderBy('id');
  return JSON.stringify({ counts, incidents, events }, null, 1);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether the message names the (dotted) field recognisably: `reporter.name: …` or
 * `assignees[1]: …` as the service words it; `request/body/reporter/name …` or
 * `request/body/reporter must have required property 'name'` as the OpenAPI validator does;
 * or quoted whole, as in `Unknown query parameter 'foo'`.
 */
function namesField(message: string, field: string): boolean {
  const segments = field.split('.');
  const service = segments
    .map((s, i) => {
      if (i === 0) return s;
      return /^\d+$/.test(s) ? `[${s}]` : `.${s}`;
    })
    .join('');
  const parent = segments.slice(0, -1).join('/');
  const leaf = segments[segments.length - 1];
  const patterns = [
    `(^|[^\\w-])${escapeRe(service)}:`,
    `request/(body|query|params)/${escapeRe(segments.join('/'))}(?![\\w-])`,
    `request/body${
      parent ? `/${escapeRe(parent)}` : ''
    } must have required property '${escapeRe(leaf)}'`,
    `'${escapeRe(field)}'`,
  ];
  return patterns.some(p => new RegExp(p).test(message));
}

describe.each(databases.eachSupportedId())(
  'malformed requests on %p',
  databaseId => {
    let backend: PortalBackend;
    let fixtures: Fixtures;
    let before: string;

    const send = (c: Case) => {
      const url = `/api/weibao${c.path}`;
      const req =
        c.method === 'GET'
          ? request(backend.server).get(url)
          : request(backend.server).post(url);
      req.set('Authorization', auth);
      if (c.raw) {
        for (const [name, value] of Object.entries(c.raw.headers)) {
          req.set(name, value);
        }
        return req.send(c.raw.body);
      }
      return c.json === undefined ? req : req.send(c.json as object);
    };

    beforeAll(async () => {
      // the example catalog alone, without the uncovered PACS
      backend = await startPortalBackend(databases, databaseId, {
        entities: exampleCatalog(),
      });
      const ok = async (
        res: request.Response | Promise<request.Response>,
      ): Promise<Fixture> => {
        const { status, body } = await res;
        if (status >= 300) {
          throw new Error(`setup failed: ${status} ${JSON.stringify(body)}`);
        }
        return { id: body.id, version: body.version };
      };
      const create = (title: string) =>
        ok(backend.post('/incidents', { ...report(), title }));
      const walk = async (
        title: string,
        steps: Array<Record<string, unknown>>,
      ) => {
        let current = await create(title);
        for (const step of steps) {
          current = await ok(
            backend.post(actionsOf(current.id), {
              ...step,
              version: current.version,
            }),
          );
        }
        return current;
      };
      const acknowledge = {
        type: 'acknowledge',
        at: '2026-09-18T17:20:00+08:00',
      };
      const resolve = {
        type: 'resolve',
        method: '重启医保前置机服务',
        result: '结算恢复正常',
        at: '2026-09-18T19:10:00+08:00',
      };
      const confirm = {
        type: 'confirm',
        confirmedBy: '收费室 王护士长',
        at: '2026-09-19T09:00:00+08:00',
      };
      fixtures = {
        reported: await walk('已报告', []),
        acknowledged: await walk('已响应', [acknowledge]),
        paused: await walk('已暂停', [
          acknowledge,
          {
            type: 'pause',
            reason: '等待停机窗口',
            at: '2026-09-18T17:30:00+08:00',
          },
        ]),
        confirmed: await walk('已确认, 无根因', [
          acknowledge,
          resolve,
          confirm,
        ]),
        closed: await walk('已关闭', [
          acknowledge,
          { ...resolve, rootCause: 'program-error' },
          confirm,
          { type: 'close', at: '2026-09-19T09:05:00+08:00' },
        ]),
      };
      before = await snapshot(backend.knex);
    });

    it('starts from incidents in known states', () => {
      expect(
        Object.entries(fixtures).map(([state, f]) => [state, f.version]),
      ).toEqual([
        ['reported', 1],
        ['acknowledged', 2],
        ['paused', 3],
        ['confirmed', 4],
        ['closed', 5],
      ]);
    });

    it.each(CATEGORIES)('refuses %s', async (_category, build) => {
      const failures: object[] = [];
      for (const c of build(fixtures)) {
        const res = await send(c);
        const message = res.body?.error?.message;
        const problems: string[] = [];
        const expected = c.status ?? 400;
        if (res.status !== expected) {
          problems.push(`status ${res.status}, expected ${expected}`);
        }
        if (typeof message !== 'string' || message.trim() === '') {
          problems.push('no error.message');
        } else if (c.field && !namesField(message, c.field)) {
          problems.push(`the message does not name ${c.field}`);
        }
        if (problems.length) {
          failures.push({ case: c.name, problems, message });
        }
      }
      expect(failures).toEqual([]);
    });

    // Forged cursors: instants no engine can hold, or an id that is not an incident's.
    it.each(
      [
        '{"r":1e300,"id":"y"}',
        '{"r":-1e300,"id":"y"}',
        '{"r":-8000000000000000,"id":"y"}',
        '{"r":8000000000000000,"id":"y"}',
        '{"r":1,"id":"\\u0000"}',
      ].map(json => [json]),
    )('refuses the forged cursor %s', async json => {
      const res = await send(
        get(`/incidents?cursor=${cursorOf(json)}`, json, 'cursor'),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^cursor: /);
    });

    it('left every table as it was', async () => {
      expect(await snapshot(backend.knex)).toBe(before);
    });
  },
);

it('has at least 200 cases', () => {
  const fx = { id: UNKNOWN_ID, version: 1 };
  const total = CATEGORIES.reduce(
    (n, [, build]) =>
      n +
      build({
        reported: fx,
        acknowledged: fx,
        paused: fx,
        confirmed: fx,
        closed: fx,
      }).length,
    0,
  );
  expect(total).toBeGreaterThanOrEqual(200);
});
