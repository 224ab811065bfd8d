/**
 * OpenAPI paths and schemas of the portal's summaries (the team overview and a contract's
 * standing), merged into the plugin's spec. Requests are validated against them.
 */

const ref = {
  type: 'string',
  minLength: 3,
  maxLength: 255,
  pattern: '^[^\\u0000]*$',
  description:
    'An entity reference such as group:default/his-aftersales-guangxi',
} as const;
const instant = { type: 'string', format: 'date-time' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = {
  description: 'Error naming the field and the reason',
} as const;
const json = (name: string, description: string) =>
  ({
    description,
    content: { 'application/json': { schema: schema(name) } },
  } as const);

/** A hospital system's `spec.type`, when it is one of the vocabulary. */
const systemType = {
  type: ['string', 'null'],
  description: 'spec.type of the Component (his, anesthesia, ecg, ca, …)',
} as const;

export const portalSchemas = {
  TeamSystemHealth: {
    type: 'object',
    required: [
      'systemRef',
      'title',
      'type',
      'hospitalRef',
      'hospitalTitle',
      'ownerRef',
      'contractRef',
      'risk',
      'openIncidents',
      'awaitingConfirmation',
      'atRisk',
      'breached',
      'nextClockDueAt',
      'obligations',
      'upgradesInFlight',
    ],
    properties: {
      systemRef: { type: 'string' },
      title: { type: 'string' },
      type: systemType,
      hospitalRef: { type: 'string' },
      hospitalTitle: { type: ['string', 'null'] },
      ownerRef: { type: 'string' },
      contractRef: {
        type: ['string', 'null'],
        description: 'The contract covering the system today',
      },
      risk: {
        type: 'string',
        enum: ['breached', 'at-risk', 'overdue', 'due', 'ok'],
        description:
          'breached clock > clock at risk > overdue obligation > obligation due soon > ok',
      },
      openIncidents: count,
      awaitingConfirmation: count,
      atRisk: { ...count, description: 'Open incidents with a clock at risk' },
      breached: {
        ...count,
        description: 'Open incidents with a breached clock',
      },
      nextClockDueAt: {
        type: ['string', 'null'],
        format: 'date-time',
        description: 'The earliest due time of a running clock',
      },
      obligations: {
        type: 'object',
        required: ['overdue', 'dueSoon', 'nextDueAt'],
        properties: {
          overdue: count,
          dueSoon: count,
          nextDueAt: { type: ['string', 'null'], format: 'date-time' },
        },
      },
      upgradesInFlight: count,
    },
  },
  TeamOverview: {
    type: 'object',
    required: ['evaluatedAt', 'ownerRefs', 'systems', 'totals'],
    properties: {
      evaluatedAt: instant,
      ownerRefs: { type: 'array', items: { type: 'string' } },
      systems: { type: 'array', items: schema('TeamSystemHealth') },
      totals: {
        type: 'object',
        required: [
          'systems',
          'openIncidents',
          'atRisk',
          'breached',
          'overdueObligations',
        ],
        properties: {
          systems: count,
          openIncidents: count,
          atRisk: count,
          breached: count,
          overdueObligations: {
            ...count,
            description:
              'Distinct overdue occurrences concerning the systems (a contract-wide duty counts once)',
          },
        },
      },
    },
  },
  PenaltyBreach: {
    type: 'object',
    required: [
      'incidentId',
      'title',
      'systemRef',
      'milestone',
      'dueAt',
      'metAt',
      'daysLate',
      'amount',
    ],
    properties: {
      incidentId: { type: 'string', format: 'uuid' },
      title: { type: 'string' },
      systemRef: { type: 'string' },
      milestone: {
        type: 'string',
        enum: ['response', 'dispatch', 'arrival', 'resolution', 'solution'],
      },
      dueAt: {
        ...instant,
        description: 'When the clock became late (its breach)',
      },
      metAt: { type: ['string', 'null'], format: 'date-time' },
      daysLate: {
        ...count,
        description: 'Started days late: a day begun counts as one',
      },
      amount: {
        type: 'number',
        description: 'Its penalty before the cap, in the contract currency',
      },
    },
  },
  PenaltyExposure: {
    type: 'object',
    required: [
      'currency',
      'amount',
      'uncappedAmount',
      'capAmount',
      'capped',
      'breaches',
    ],
    properties: {
      currency: { type: 'string', enum: ['CNY', 'USD', 'EUR', 'HKD'] },
      amount: { type: 'number', description: 'Total after the cap' },
      uncappedAmount: { type: 'number', description: 'Total before the cap' },
      capAmount: { type: ['number', 'null'] },
      capped: { type: 'boolean' },
      breaches: { type: 'array', items: schema('PenaltyBreach') },
    },
  },
  ContractStanding: {
    type: 'object',
    required: ['evaluatedAt', 'entityRef', 'contract', 'reason'],
    properties: {
      evaluatedAt: instant,
      entityRef: { type: 'string' },
      contract: {
        type: ['object', 'null'],
        required: [
          'entityRef',
          'title',
          'spec',
          'periodStart',
          'periodEnd',
          'inForce',
          'covered',
          'exposure',
          'obligations',
        ],
        properties: {
          entityRef: { type: 'string' },
          title: { type: 'string' },
          spec: {
            type: 'object',
            description: 'The terms: spec of the MaintenanceContract entity',
          },
          periodStart: {
            type: ['string', 'null'],
            format: 'date',
            description: 'First day of the period (null: not started yet)',
          },
          periodEnd: {
            type: ['string', 'null'],
            format: 'date',
            description: 'Last day of the period, inclusive',
          },
          inForce: { type: 'boolean' },
          covered: {
            type: 'array',
            items: {
              type: 'object',
              required: ['entityRef', 'title', 'type'],
              properties: {
                entityRef: { type: 'string' },
                title: { type: 'string' },
                type: systemType,
              },
            },
          },
          exposure: schema('PenaltyExposure'),
          obligations: {
            type: 'object',
            required: ['overdue', 'dueSoon', 'done'],
            properties: { overdue: count, dueSoon: count, done: count },
          },
        },
      },
      reason: {
        type: ['string', 'null'],
        description: 'Why there is no contract, when contract is null',
      },
    },
  },
} as const;

export const portalPaths = {
  '/team-overview': {
    get: {
      operationId: 'GetTeamOverview',
      description:
        "Every hospital system owned by the given owners (by default the caller's own ownership refs), at risk first, with the figures of its health.",
      parameters: [
        {
          in: 'query',
          name: 'ownerRef',
          description:
            'Owner entity refs (the kind defaults to group); repeat for several',
          allowReserved: true,
          style: 'form',
          explode: true,
          schema: { type: 'array', minItems: 1, maxItems: 50, items: ref },
        },
      ],
      responses: {
        '200': json('TeamOverview', "The owners' systems, at risk first"),
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
      },
    },
  },
  '/contract-standing': {
    get: {
      operationId: 'GetContractStanding',
      description:
        "A maintenance contract's terms, covered systems, obligations and penalty exposure so far; for a Component, the contract covering it today.",
      parameters: [
        {
          in: 'query',
          name: 'entityRef',
          required: true,
          description:
            'A MaintenanceContract or a Component entity ref, with its kind',
          allowReserved: true,
          schema: ref,
        },
      ],
      responses: {
        '200': json('ContractStanding', 'The contract standing'),
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
      },
    },
  },
} as const;
