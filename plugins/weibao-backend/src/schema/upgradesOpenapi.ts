/** OpenAPI paths and schemas of upgrade plans and drills, merged into the plugin's spec. */

const visible = '^(?=[\\s\\S]*\\S)[^\\u0000]*$';
const text = (maxLength: number) =>
  ({ type: 'string', minLength: 1, maxLength, pattern: visible } as const);
const instant = { type: 'string', format: 'date-time' } as const;
const ref = {
  type: 'string',
  minLength: 3,
  maxLength: 255,
  pattern: '^[^\\u0000]*$',
} as const;
const idParam = {
  in: 'path',
  name: 'id',
  required: true,
  schema: { type: 'string', format: 'uuid' },
} as const;
const refParam = (name: string) =>
  ({ in: 'query', name, allowReserved: true, schema: ref } as const);
const errorResponse = {
  description: 'Error naming the field and the reason',
} as const;
const errors = {
  '400': errorResponse,
  '401': errorResponse,
  '403': errorResponse,
  '404': errorResponse,
  '409': errorResponse,
} as const;
const json = (description: string) =>
  ({
    description,
    content: { 'application/json': { schema: { type: 'object' } } },
  } as const);
const body = (schema: string) =>
  ({
    required: true,
    content: {
      'application/json': {
        schema: { $ref: `#/components/schemas/${schema}` },
      },
    },
  } as const);

const window = {
  type: 'object',
  additionalProperties: false,
  required: ['start', 'end', 'expectedDowntimeMinutes'],
  properties: {
    start: instant,
    end: instant,
    expectedDowntimeMinutes: { type: 'integer', minimum: 0, maximum: 4320 },
  },
} as const;

const override = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: text(500) },
  description:
    'An explicit override of the window checks (emergency), recorded with who and why',
} as const;

export const upgradeSchemas = {
  UpgradePlanDraft: {
    type: 'object',
    additionalProperties: false,
    required: [
      'systemRef',
      'title',
      'fromVersion',
      'toVersion',
      'architecture',
      'targetArchitecture',
      'scope',
      'window',
      'responsible',
      'hospitalContact',
    ],
    properties: {
      systemRef: ref,
      title: text(200),
      fromVersion: text(60),
      toVersion: text(60),
      architecture: text(40),
      targetArchitecture: text(40),
      scope: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: {
          type: 'string',
          enum: ['client', 'server', 'database', 'interfaces'],
        },
      },
      window,
      override,
      responsible: {
        type: 'array',
        minItems: 1,
        maxItems: 10,
        items: text(255),
      },
      hospitalContact: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'contact'],
        properties: { name: text(100), contact: text(100) },
      },
    },
  },
  UpgradeActionRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'version'],
    properties: {
      type: {
        type: 'string',
        enum: [
          'meet-gate',
          'write-rollback-plan',
          'rehearse-rollback',
          'reschedule',
          'start',
          'complete',
          'verify',
          'roll-back',
          'cancel',
        ],
      },
      version: { type: 'integer', minimum: 1 },
      at: instant,
      gate: {
        type: 'string',
        enum: [
          'test-environment',
          'simulated-upgrade',
          'rollback-plan',
          'rollback-rehearsed',
          'hospital-approval',
        ],
      },
      note: text(4000),
      link: {
        type: 'string',
        format: 'uri',
        maxLength: 2000,
        description:
          'An absolute http, https or mailto link; javascript:, data:, relative and other links are refused (400)',
      },
      rollbackPlan: {
        type: 'object',
        additionalProperties: false,
        required: [
          'triggerCriteria',
          'steps',
          'expectedRollbackMinutes',
          'backupTaken',
        ],
        properties: {
          triggerCriteria: text(2000),
          steps: { type: 'array', minItems: 1, maxItems: 50, items: text(500) },
          expectedRollbackMinutes: {
            type: 'integer',
            minimum: 1,
            maximum: 4320,
          },
          backupTaken: {
            type: 'object',
            additionalProperties: false,
            required: ['at', 'note'],
            properties: { at: instant, note: text(1000) },
          },
        },
      },
      drillId: { type: 'string', format: 'uuid' },
      window,
      override,
      functionalTest: text(2000),
      dataCheck: text(2000),
      reason: text(1000),
      durationMinutes: { type: 'integer', minimum: 1, maximum: 4320 },
    },
  },
  DrillRecordRequest: {
    type: 'object',
    additionalProperties: false,
    required: [
      'systemRef',
      'scenario',
      'performedAt',
      'participants',
      'recoveryMinutes',
    ],
    properties: {
      systemRef: ref,
      scenario: text(200),
      upgradePlanId: { type: 'string', format: 'uuid' },
      occurrenceId: { type: 'string', format: 'uuid' },
      performedAt: instant,
      participants: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: text(100),
      },
      recoveryMinutes: { type: 'integer', minimum: 0, maximum: 100000 },
      targetMinutes: { type: 'integer', minimum: 1, maximum: 100000 },
      findings: text(4000),
      followUps: {
        type: 'array',
        maxItems: 30,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['action', 'owner'],
          properties: {
            action: text(500),
            owner: text(100),
            due: { type: 'string', format: 'date' },
            done: { type: 'boolean' },
          },
        },
      },
    },
  },
} as const;

export const upgradePaths = {
  '/upgrade-plans': {
    post: {
      operationId: 'PlanUpgrade',
      description:
        'Draw up an upgrade plan; its window is checked against holidays and freezes.',
      requestBody: body('UpgradePlanDraft'),
      responses: { '201': json('The plan with its gates'), ...errors },
    },
    get: {
      operationId: 'ListUpgradePlans',
      parameters: [
        refParam('systemRef'),
        refParam('hospitalRef'),
        refParam('ownerRef'),
        {
          in: 'query',
          name: 'status',
          style: 'form',
          explode: true,
          schema: {
            type: 'array',
            maxItems: 7,
            items: {
              type: 'string',
              enum: [
                'draft',
                'ready',
                'started',
                'completed',
                'verified',
                'rolled-back',
                'cancelled',
              ],
            },
          },
        },
        {
          in: 'query',
          name: 'limit',
          schema: { type: 'integer', minimum: 1, maximum: 200 },
        },
      ],
      responses: { '200': json('Plans, soonest window first'), ...errors },
    },
  },
  '/upgrade-plans/{id}': {
    get: {
      operationId: 'GetUpgradePlan',
      parameters: [idParam],
      responses: { '200': json('The plan, its history and drills'), ...errors },
    },
  },
  '/upgrade-plans/{id}/actions': {
    post: {
      operationId: 'ActOnUpgradePlan',
      parameters: [idParam],
      requestBody: body('UpgradeActionRequest'),
      responses: { '200': json('The plan after the change'), ...errors },
    },
  },
  '/drills': {
    post: {
      operationId: 'RecordDrill',
      requestBody: body('DrillRecordRequest'),
      responses: { '201': json('The drill record'), ...errors },
    },
    get: {
      operationId: 'ListDrills',
      parameters: [
        refParam('systemRef'),
        {
          in: 'query',
          name: 'upgradePlanId',
          schema: { type: 'string', format: 'uuid' },
        },
        {
          in: 'query',
          name: 'limit',
          schema: { type: 'integer', minimum: 1, maximum: 200 },
        },
      ],
      responses: { '200': json('Drills, latest first'), ...errors },
    },
  },
  '/drills/{id}': {
    get: {
      operationId: 'GetDrill',
      parameters: [idParam],
      responses: { '200': json('The drill record'), ...errors },
    },
  },
} as const;
