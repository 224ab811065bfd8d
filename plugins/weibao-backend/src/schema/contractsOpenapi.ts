/**
 * The OpenAPI description of the contract routes of `/api/weibao` (final acceptance), merged into
 * the plugin's spec. Requests are validated against it.
 */

const errorResponse = {
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

const name = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
} as const;

export const contractSchemas = {
  ContractAcceptanceRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['acceptedOn'],
    properties: {
      acceptedOn: {
        type: 'string',
        format: 'date',
        description:
          'The day of the final acceptance (终验), YYYY-MM-DD in the hospital\'s time zone: the period of a contract that runs "from final acceptance" starts then. Not after today, within the years 2000 to 2099.',
      },
      note: {
        type: 'string',
        minLength: 1,
        maxLength: 1000,
        pattern: '^(?=[\\s\\S]*\\S)[^\\u0000]*$',
        description: 'E.g. the acceptance report’s number',
      },
    },
  },
  ContractAcceptance: {
    type: 'object',
    required: ['contractRef', 'acceptedOn', 'recordedBy', 'recordedAt'],
    properties: {
      contractRef: { type: 'string' },
      acceptedOn: { type: 'string' },
      note: { type: 'string' },
      recordedBy: { type: 'string' },
      recordedAt: { type: 'string' },
    },
  },
} as const;

export const contractPaths = {
  '/contracts/{namespace}/{name}/acceptance': {
    post: {
      operationId: 'RecordContractAcceptance',
      description:
        'Records the final acceptance of a MaintenanceContract whose period runs from final acceptance and whose YAML gives no start yet: who (the caller), when (now) and on which day. Until then the contract is not in force and no incident clock starts under it. Needs weibao.contract.accept on the contract (its owners, administrators); audited; append-only (a second acceptance is 409).',
      parameters: [
        { in: 'path', name: 'namespace', required: true, schema: name },
        { in: 'path', name: 'name', required: true, schema: name },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/ContractAcceptanceRequest' },
          },
        },
      },
      responses: {
        '201': {
          description: 'The acceptance recorded',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/ContractAcceptance' },
            },
          },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
        '409': errorResponse,
      },
    },
  },
} as const;
