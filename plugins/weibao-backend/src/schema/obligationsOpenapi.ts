/** OpenAPI paths and schemas of the obligation routes, merged into the plugin's spec. */

import {
  OBLIGATION_HISTORY_TYPES,
  OBLIGATION_KINDS,
} from '@weibao/plugin-weibao-common';

const refParam = (name: string) =>
  ({
    in: 'query',
    name,
    allowReserved: true,
    schema: {
      type: 'string',
      minLength: 3,
      maxLength: 255,
      pattern: '^[^\\u0000]*$',
    },
  } as const);

const instantParam = (name: string) =>
  ({
    in: 'query',
    name,
    allowReserved: true,
    schema: { type: 'string', format: 'date-time' },
  } as const);

const idParam = {
  in: 'path',
  name: 'id',
  required: true,
  schema: { type: 'string', format: 'uuid' },
} as const;

const text = (maxLength: number) =>
  ({
    type: 'string',
    minLength: 1,
    maxLength,
    pattern: '^(?=[\\s\\S]*\\S)[^\\u0000]*$',
  } as const);

const errorResponse = {
  description: 'Error naming the field and the reason',
} as const;

const occurrenceProperties = {
  id: { type: 'string' },
  version: { type: 'integer' },
  key: { type: 'string' },
  kind: { type: 'string' },
  dueAt: { type: 'string' },
  state: { type: 'string' },
} as const;

const instant = { type: 'string', format: 'date-time' } as const;

/** One row of an occurrence's append-only history (ObligationHistoryEntry in -common). */
const historyEntry = {
  type: 'object',
  required: ['seq', 'type', 'at', 'actor', 'payload'],
  properties: {
    seq: { type: 'integer', minimum: 1 },
    type: {
      type: 'string',
      enum: OBLIGATION_HISTORY_TYPES,
    },
    at: {
      ...instant,
      description: 'When it happened; for `completed`, when the duty was done',
    },
    actor: {
      type: 'string',
      description:
        'Who: a user ref (user:default/li.na), plugin:<id> for a service, or weibao for Weibao itself',
    },
    payload: {
      type: 'object',
      description:
        'By type: planned {dueAt}; rescheduled {from, to, cause (contract-changed | follow-up), why}; retired {why}; completed {onTime, evidence, recordedAt}; waived {reason}; restored, due-notified and overdue-notified {}',
      properties: {
        dueAt: instant,
        from: instant,
        to: instant,
        cause: { type: 'string', enum: ['contract-changed', 'follow-up'] },
        why: { type: 'string' },
        onTime: { type: 'boolean' },
        evidence: { type: 'object' },
        recordedAt: instant,
        reason: { type: 'string' },
      },
    },
  },
} as const;

export const obligationSchemas = {
  ObligationOccurrence: {
    type: 'object',
    description:
      'See the ObligationOccurrence type of @weibao/plugin-weibao-common',
    required: ['id', 'version', 'key', 'kind', 'dueAt', 'state'],
    properties: occurrenceProperties,
  },
  ObligationOccurrenceList: {
    type: 'object',
    description: 'A page of occurrences, soonest due first, and how many match',
    required: ['items', 'totalCount'],
    properties: {
      items: {
        type: 'array',
        items: { $ref: '#/components/schemas/ObligationOccurrence' },
      },
      totalCount: { type: 'integer' },
      nextCursor: { type: 'string' },
      stateCounts: {
        type: 'object',
        description:
          'With `perState`: how many occurrences of each state asked for',
        additionalProperties: { type: 'integer' },
      },
    },
  },
  ObligationOccurrenceDetail: {
    type: 'object',
    description:
      'The occurrence and its history, oldest first: see the ObligationOccurrenceDetail type of @weibao/plugin-weibao-common',
    required: ['id', 'version', 'key', 'kind', 'dueAt', 'state', 'history'],
    properties: {
      ...occurrenceProperties,
      history: { type: 'array', items: historyEntry },
    },
  },
  CompleteOccurrence: {
    type: 'object',
    additionalProperties: false,
    required: ['version'],
    properties: {
      version: { type: 'integer', minimum: 1 },
      doneAt: { type: 'string', format: 'date-time' },
      note: text(4000),
      links: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            title: text(200),
            url: {
              type: 'string',
              format: 'uri',
              maxLength: 2000,
              description:
                'An absolute http, https or mailto link; javascript:, data:, relative and other links are refused (400)',
            },
          },
        },
      },
      people: { type: 'array', maxItems: 30, items: text(100) },
      scores: {
        type: 'object',
        maxProperties: 30,
        additionalProperties: { type: 'integer', minimum: 0, maximum: 5 },
      },
    },
  },
  WaiveOccurrence: {
    type: 'object',
    additionalProperties: false,
    required: ['version', 'reason'],
    properties: { version: { type: 'integer', minimum: 1 }, reason: text(500) },
  },
} as const;

const json = (ref: string) =>
  ({
    description: ref,
    content: {
      'application/json': { schema: { $ref: `#/components/schemas/${ref}` } },
    },
  } as const);

const body = (ref: string) =>
  ({
    required: true,
    content: {
      'application/json': { schema: { $ref: `#/components/schemas/${ref}` } },
    },
  } as const);

export const obligationPaths = {
  '/obligations': {
    get: {
      operationId: 'ListObligationOccurrences',
      description:
        'Occurrences of contract obligations, soonest due first, with cursor paging.',
      parameters: [
        refParam('contractRef'),
        refParam('systemRef'),
        refParam('ownerRef'),
        {
          in: 'query',
          name: 'state',
          style: 'form',
          explode: true,
          schema: {
            type: 'array',
            maxItems: 6,
            items: {
              type: 'string',
              enum: ['upcoming', 'due', 'overdue', 'done', 'waived', 'retired'],
            },
          },
        },
        {
          in: 'query',
          name: 'kind',
          style: 'form',
          explode: true,
          schema: {
            type: 'array',
            maxItems: 20,
            items: { type: 'string', enum: OBLIGATION_KINDS },
          },
        },
        instantParam('dueFrom'),
        instantParam('dueTo'),
        {
          in: 'query',
          name: 'limit',
          schema: { type: 'integer', minimum: 1, maximum: 500 },
        },
        {
          in: 'query',
          name: 'cursor',
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
        {
          in: 'query',
          name: 'perState',
          description:
            "Up to this many of each state asked for (soonest due first), with each state's count in `stateCounts`: a card shows due and upcoming duties however many are overdue. Not with `cursor` or `limit`.",
          schema: { type: 'integer', minimum: 1, maximum: 100 },
        },
      ],
      responses: {
        '200': json('ObligationOccurrenceList'),
        '400': errorResponse,
        '401': errorResponse,
      },
    },
  },
  '/obligations/{id}': {
    get: {
      operationId: 'GetObligationOccurrence',
      description:
        'One occurrence with its history: who planned, rescheduled, completed or waived it, and when.',
      parameters: [idParam],
      responses: {
        '200': json('ObligationOccurrenceDetail'),
        '401': errorResponse,
        '404': errorResponse,
      },
    },
  },
  '/obligations/{id}/complete': {
    post: {
      operationId: 'CompleteObligationOccurrence',
      description:
        'Record it as done, with evidence; follow-ups then count from the completion.',
      parameters: [idParam],
      requestBody: body('CompleteOccurrence'),
      responses: {
        '200': json('ObligationOccurrence'),
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
        '409': errorResponse,
      },
    },
  },
  '/obligations/{id}/waive': {
    post: {
      operationId: 'WaiveObligationOccurrence',
      description: 'Release it, saying who and why.',
      parameters: [idParam],
      requestBody: body('WaiveOccurrence'),
      responses: {
        '200': json('ObligationOccurrence'),
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
        '409': errorResponse,
      },
    },
  },
} as const;
