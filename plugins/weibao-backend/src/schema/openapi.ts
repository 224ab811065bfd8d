import { obligationPaths, obligationSchemas } from './obligationsOpenapi';
import { upgradePaths, upgradeSchemas } from './upgradesOpenapi';
import { portalPaths, portalSchemas } from './portalOpenapi';
import { contractPaths, contractSchemas } from './contractsOpenapi';

/**
 * The OpenAPI 3.1 description of the incident routes of `/api/weibao`. Requests are validated
 * against it before any handler runs (createValidatedOpenApiRouter); it is served at
 * `/api/weibao/openapi.json`.
 */

const instant = {
  type: 'string',
  format: 'date-time',
  description:
    'An instant in RFC 3339 with its offset, e.g. 2026-09-18T17:05:00+08:00; stored to the minute.',
} as const;

/** No NUL character: PostgreSQL cannot store one in a text column. */
const noNul = '^[^\\u0000]*$';
/** Some visible text, and no NUL. */
const visible = '^(?=[\\s\\S]*\\S)[^\\u0000]*$';

const text = (maxLength: number, description?: string) =>
  ({
    type: 'string',
    minLength: 1,
    maxLength,
    pattern: visible,
    ...(description ? { description } : {}),
  } as const);

const entityRef = {
  type: 'string',
  minLength: 3,
  maxLength: 255,
  pattern: noNul,
  description: 'An entity reference such as component:default/zlhis-chongzuo',
} as const;

const strings = (maxItems: number, maxLength: number) =>
  ({
    type: 'array',
    maxItems,
    items: { type: 'string', minLength: 1, maxLength, pattern: noNul },
  } as const);

const error = {
  description: 'Error, with a message naming the field and the reason',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

/** An open obligation occurrence as the health summary shows it; null when there is none. */
const systemHealthDuty = <N extends boolean>(nullable: N) =>
  ({
    type: 'object',
    nullable,
    required: ['id', 'kind', 'dueAt', 'state'],
    properties: {
      id: { type: 'string' },
      kind: { type: 'string' },
      followUpKind: { type: 'string', nullable: true },
      description: { type: 'string', nullable: true },
      dueAt: { type: 'string' },
      state: { type: 'string' },
    },
  } as const);

const json = (ref: string, description: string) =>
  ({
    description,
    content: {
      'application/json': { schema: { $ref: `#/components/schemas/${ref}` } },
    },
  } as const);

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'weibao',
    version: '1',
    description:
      'Weibao (维保): incidents on hospital systems with the clocks their maintenance contracts set. Every 4xx names the field or parameter and the reason. Bodies are strict UTF-8 JSON; every string is free text checked by the kind of its field (NFC; zero-width characters and direction marks removed; bidirectional overrides, control characters, lone surrogates and U+FFFD refused; refused when nothing visible is left; one-line fields refuse line breaks); links are absolute http, https or mailto; entity references must be of the expected kind; systems must be hospital systems (a Component of a known spec.type, with an owner, in a hospital the catalog holds); assignees must be members of the owning team; unknown fields and query parameters are refused.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [{ url: '/' }],
  components: {
    schemas: {
      ...obligationSchemas,
      ...upgradeSchemas,
      ...portalSchemas,
      ...contractSchemas,
      IncidentReport: {
        type: 'object',
        additionalProperties: false,
        required: [
          'systemRef',
          'title',
          'symptoms',
          'reporter',
          'channel',
          'type',
          'urgency',
          'level',
          'occurredAt',
          'reportedAt',
        ],
        properties: {
          systemRef: entityRef,
          title: text(200, 'One line: what is wrong'),
          symptoms: text(4000, 'Error messages, screens, what the users see'),
          module: text(100),
          impact: {
            type: 'object',
            additionalProperties: false,
            properties: {
              modules: strings(30, 100),
              processes: strings(30, 100),
              userGroups: strings(30, 100),
            },
          },
          reporter: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'contact'],
            properties: { name: text(100), contact: text(100) },
          },
          channel: {
            type: 'string',
            enum: [
              'hotline',
              'on-call',
              'remote',
              'on-site',
              'web-platform',
              'im-group',
              'email',
            ],
          },
          type: { type: 'string', enum: ['request', 'complaint'] },
          urgency: {
            type: 'string',
            enum: ['ordinary', 'urgent', 'very-urgent'],
          },
          level: { type: 'integer', minimum: 1, maximum: 9 },
          occurredAt: {
            ...instant,
            description:
              'When the fault occurred; at most weibao.record.maxBackdateHours (24 h) before the request, unless back-filled, and not after reportedAt.',
          },
          reportedAt: {
            ...instant,
            description:
              'When the fault was reported (the clocks start here): not more than weibao.record.clockSkewSeconds (60 s) ahead of the server, and at most weibao.record.maxBackdateHours (24 h) back unless back-filled; within the years 2000 to 2099. The time of entry is recorded beside it (enteredAt).',
          },
          assignees: {
            ...strings(10, 255),
            description: 'User entity references',
          },
          backfill: {
            type: 'object',
            additionalProperties: false,
            required: ['reason'],
            description:
              "An administrator's back-fill of a report older than the bound: needs weibao.incident.backfill (Weibao administrators), is audited with its reason, must fall in the covering contract's period, and sends no notification for clock crossings before its entry.",
            properties: { reason: text(500) },
          },
        },
      },
      IncidentActionRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'version'],
        properties: {
          type: {
            type: 'string',
            enum: [
              'acknowledge',
              'dispatch',
              'arrive',
              'grant-remote-permission',
              'start-remote',
              'resolve',
              'confirm',
              'close',
              'reopen',
              'regrade',
              'pause',
              'resume',
              'note',
              'reassign',
            ],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version the change is based on; a stale one gets 409',
          },
          at: { ...instant, description: 'When it happened; now if absent' },
          assignees: strings(10, 255),
          grantedBy: text(100, 'Who at the hospital allowed remote access'),
          confirmedBy: text(
            100,
            'Who at the hospital confirmed the resolution',
          ),
          method: text(2000),
          result: text(2000),
          rootCause: {
            type: 'string',
            enum: [
              'product-defect',
              'program-error',
              'operator-error',
              'other',
            ],
          },
          level: { type: 'integer', minimum: 1, maximum: 9 },
          reason: text(500),
          note: text(2000),
          text: text(4000),
        },
      },
      Incident: {
        type: 'object',
        description: 'See the Incident type of @weibao/plugin-weibao-common',
        required: ['id', 'version', 'systemRef', 'status', 'level', 'clocks'],
        properties: {
          id: { type: 'string' },
          version: { type: 'integer' },
          systemRef: { type: 'string' },
          hospitalRef: { type: 'string' },
          ownerRef: { type: 'string' },
          contractRef: { type: ['string', 'null'] },
          noClocksReason: { type: ['string', 'null'] },
          noClocksCode: {
            type: ['string', 'null'],
            enum: ['no-contract', 'not-in-force', 'awaiting-acceptance', null],
            description:
              'Why no clock started, as a code: no contract covers the system; none in force on the reported date; or the covering contract runs from final acceptance and none is recorded.',
          },
          enteredAt: {
            type: ['string', 'null'],
            description:
              'When the report was entered (server time), beside reportedAt, the time it claims.',
          },
          backfill: {
            type: ['object', 'null'],
            properties: { reason: { type: 'string' } },
          },
          status: { type: 'string' },
          level: { type: 'integer' },
          clocks: { type: 'array', items: { type: 'object' } },
        },
      },
      IncidentList: {
        type: 'object',
        required: ['items', 'totalCount'],
        properties: {
          items: {
            type: 'array',
            items: { $ref: '#/components/schemas/Incident' },
          },
          totalCount: { type: 'integer' },
          nextCursor: { type: 'string' },
        },
      },
      SystemHealth: {
        type: 'object',
        required: [
          'systemRef',
          'openIncidents',
          'openByLevel',
          'runningClocks',
        ],
        properties: {
          systemRef: { type: 'string' },
          evaluatedAt: { type: 'string' },
          openIncidents: { type: 'integer' },
          openByLevel: {
            type: 'object',
            additionalProperties: { type: 'integer' },
          },
          levelNames: {
            type: 'object',
            description:
              'What the contract each open incident was reported under calls its level',
            additionalProperties: { type: 'string' },
          },
          awaitingConfirmation: { type: 'integer' },
          atRisk: { type: 'integer' },
          breached: { type: 'integer' },
          runningClocks: { type: 'array', items: { type: 'object' } },
          obligations: {
            type: 'object',
            description:
              'Open duties: overdue and due-soon counts, the next few, and the soonest inspection and drill',
            properties: {
              overdue: { type: 'integer' },
              dueSoon: { type: 'integer' },
              next: { type: 'array', items: systemHealthDuty(false) },
              nextInspection: systemHealthDuty(true),
              nextDrill: systemHealthDuty(true),
            },
          },
          upgrades: { type: 'object' },
          drills: { type: 'object' },
          certificates: { type: 'object', nullable: true },
        },
      },
    },
  },
  paths: {
    ...obligationPaths,
    ...upgradePaths,
    ...portalPaths,
    ...contractPaths,
    '/incidents': {
      post: {
        operationId: 'ReportIncident',
        description:
          'Report a fault on a hospital system; its clocks start from the contract.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/IncidentReport' },
            },
          },
        },
        responses: {
          '201': json('Incident', 'The incident with its clocks'),
          '400': error,
          '401': error,
          '403': error,
        },
      },
      get: {
        operationId: 'ListIncidents',
        description: 'Incidents, newest report first, with cursor paging.',
        parameters: [
          {
            in: 'query',
            name: 'systemRef',
            schema: entityRef,
            allowReserved: true,
          },
          {
            in: 'query',
            name: 'hospitalRef',
            schema: entityRef,
            allowReserved: true,
          },
          {
            in: 'query',
            name: 'ownerRef',
            description:
              "One or more owning groups, e.g. each of the user's teams",
            schema: { type: 'array', maxItems: 50, items: entityRef },
            style: 'form',
            explode: true,
            allowReserved: true,
          },
          {
            in: 'query',
            name: 'level',
            description: 'One or more levels of the contract matrix',
            schema: {
              type: 'array',
              maxItems: 9,
              items: { type: 'integer', minimum: 1, maximum: 9 },
            },
            style: 'form',
            explode: true,
          },
          {
            in: 'query',
            name: 'status',
            description: 'One or more statuses, or "open"',
            schema: {
              type: 'array',
              maxItems: 9,
              items: {
                type: 'string',
                enum: [
                  'open',
                  'reported',
                  'acknowledged',
                  'dispatched',
                  'on-site',
                  'remote',
                  'resolved',
                  'confirmed',
                  'closed',
                ],
              },
            },
            style: 'form',
            explode: true,
          },
          { in: 'query', name: 'breached', schema: { type: 'boolean' } },
          { in: 'query', name: 'atRisk', schema: { type: 'boolean' } },
          {
            in: 'query',
            name: 'reportedFrom',
            schema: instant,
            allowReserved: true,
          },
          {
            in: 'query',
            name: 'reportedTo',
            schema: instant,
            allowReserved: true,
          },
          {
            in: 'query',
            name: 'q',
            schema: text(100, 'Text in title, symptoms, module or reporter'),
          },
          {
            in: 'query',
            name: 'limit',
            schema: { type: 'integer', minimum: 1, maximum: 200 },
          },
          {
            in: 'query',
            name: 'cursor',
            schema: { type: 'string', minLength: 1, maxLength: 200 },
          },
        ],
        responses: {
          '200': json(
            'IncidentList',
            'A page of incidents and the total count',
          ),
          '400': error,
          '401': error,
        },
      },
    },
    '/incidents/{id}': {
      get: {
        operationId: 'GetIncident',
        parameters: [
          {
            in: 'path',
            name: 'id',
            required: true,
            schema: { type: 'string', format: 'uuid' },
          },
        ],
        responses: {
          '200': json(
            'Incident',
            'The incident, its timeline, alerts and allowed actions',
          ),
          '401': error,
          '404': error,
        },
      },
    },
    '/incidents/{id}/actions': {
      post: {
        operationId: 'ActOnIncident',
        description:
          'One lifecycle step, re-grade, pause/resume, note or reassignment.',
        parameters: [
          {
            in: 'path',
            name: 'id',
            required: true,
            schema: { type: 'string', format: 'uuid' },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/IncidentActionRequest' },
            },
          },
        },
        responses: {
          '200': json('Incident', 'The incident after the change'),
          '400': error,
          '401': error,
          '403': error,
          '404': error,
          '409': error,
        },
      },
    },
    '/systems/{namespace}/{name}/health': {
      get: {
        operationId: 'GetSystemHealth',
        description:
          'Open incidents by level, running clocks with due times, at-risk and breached counts.',
        parameters: [
          { in: 'path', name: 'namespace', required: true, schema: text(63) },
          { in: 'path', name: 'name', required: true, schema: text(63) },
        ],
        responses: {
          '200': json(
            'SystemHealth',
            'The health summary of one hospital system',
          ),
          '401': error,
          '404': {
            ...error,
            description:
              'The catalog holds no such component, or it is no hospital system (systemRef: …)',
          },
        },
      },
    },
  },
} as const;
