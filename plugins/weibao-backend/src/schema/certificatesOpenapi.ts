/**
 * The OpenAPI 3.1 description of the certificate register routes of `/api/weibao` (证书台账 of
 * CA systems). Requests are validated against it before any handler runs.
 */

import {
  CERTIFICATE_CSV_COLUMNS,
  CERTIFICATE_MEDIA,
  CERTIFICATE_RETIRE_REASONS,
} from '@weibao/plugin-weibao-common';

/** The largest CSV accepted: 5000 rows with long serial lists and notes. */
export const CERTIFICATE_CSV_MAX_BYTES = 4 * 1024 * 1024;

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

const json = (ref: string, description: string) =>
  ({
    description,
    content: {
      'application/json': { schema: { $ref: `#/components/schemas/${ref}` } },
    },
  } as const);

const pathSegment = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[^\\u0000]*$',
} as const;

const systemParameters = [
  { in: 'path', name: 'namespace', required: true, schema: pathSegment },
  { in: 'path', name: 'name', required: true, schema: pathSegment },
] as const;

const counts = {
  type: 'object',
  required: ['personalCertificates', 'usbKeys', 'electronicSeals'],
  properties: {
    personalCertificates: { type: 'integer' },
    usbKeys: { type: 'integer' },
    electronicSeals: { type: 'integer' },
  },
} as const;

const csvDescription = `UTF-8 CSV (BOM optional, CRLF or LF, RFC 4180 quoting) with the header ${CERTIFICATE_CSV_COLUMNS.join(
  ',',
)}. item: personal-certificate | electronic-seal; medium: ${CERTIFICATE_MEDIA.join(
  ' | ',
)}; serials: a range A0001-A0494 (its size is the count) or serials separated by ";"; dates YYYY-MM-DD. At most 5000 rows. Decoded strictly: bytes that are not UTF-8, lone surrogates and U+FFFD refuse the file with their line; each cell is free text (NFC, no control or bidirectional characters, zero-width ones removed). A serial may appear once in the file and once in the register (retired batches aside).`;

export const certificatesSpec = {
  openapi: '3.1.0',
  info: {
    title: 'weibao-certificates',
    version: '1',
    description:
      'Weibao (维保): the certificate register of CA systems against the minimums of their maintenance contracts.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [{ url: '/' }],
  components: {
    schemas: {
      CertificateBatch: {
        type: 'object',
        description: 'See CertificateBatch in @weibao/plugin-weibao-common',
        required: ['id', 'version', 'systemRef', 'item', 'medium', 'count'],
        properties: {
          id: { type: 'string' },
          version: { type: 'integer' },
          systemRef: { type: 'string' },
          ownerRef: { type: 'string' },
          item: { type: 'string' },
          medium: { type: 'string' },
          holderDepartment: { type: 'string' },
          count: { type: 'integer' },
          serials: {},
          issuedOn: { type: 'string' },
          expiresOn: { type: 'string' },
          note: { type: ['string', 'null'] },
          createdBy: { type: 'string' },
          updatedAt: { type: 'string' },
          retiredAt: { type: ['string', 'null'] },
          retiredReason: { type: ['string', 'null'] },
        },
      },
      CertificateRegister: {
        type: 'object',
        description: 'See CertificateRegister in @weibao/plugin-weibao-common',
        required: [
          'systemRef',
          'batches',
          'totals',
          'minimums',
          'shortfall',
          'expiringSoon',
          'expired',
        ],
        properties: {
          systemRef: { type: 'string' },
          contractRef: { type: ['string', 'null'] },
          today: { type: 'string' },
          soonDays: { type: 'integer' },
          batches: {
            type: 'array',
            items: { $ref: '#/components/schemas/CertificateBatch' },
          },
          totals: counts,
          minimums: counts,
          shortfall: counts,
          expiringSoon: { type: 'array', items: { type: 'object' } },
          expired: { type: 'array', items: { type: 'object' } },
        },
      },
      CertificateImportResult: {
        type: 'object',
        required: ['imported', 'errors'],
        properties: {
          imported: { type: 'integer' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['line', 'field', 'reason'],
              properties: {
                line: { type: 'integer' },
                field: { type: 'string' },
                reason: { type: 'string' },
              },
            },
          },
          alreadyImported: {
            type: 'object',
            description:
              'Set when the same rows (whatever the line endings, column order, blank lines or row order) were imported into this system before: nothing was imported again',
            required: ['importId', 'importedAt', 'importedBy', 'batches'],
            properties: {
              importId: { type: 'string' },
              importedAt: { type: 'string', format: 'date-time' },
              importedBy: { type: 'string' },
              batches: { type: 'integer' },
            },
          },
        },
      },
    },
  },
  paths: {
    '/systems/{namespace}/{name}/certificates': {
      get: {
        operationId: 'GetCertificateRegister',
        description:
          'The batches of a CA system, its totals against the contract minimums with the shortfall, and what expires soon or has expired.',
        parameters: [
          ...systemParameters,
          {
            in: 'query',
            name: 'soonDays',
            description:
              'How many days ahead "expiring soon" looks; 60 by default',
            schema: { type: 'integer', minimum: 0, maximum: 366 },
          },
        ],
        responses: {
          '200': json('CertificateRegister', 'The register'),
          '400': error,
          '401': error,
          '403': error,
          '404': error,
        },
      },
    },
    '/systems/{namespace}/{name}/certificates/import': {
      post: {
        operationId: 'ImportCertificates',
        description:
          'Registers the good rows of a CSV in one transaction and reports each bad row by line and field.',
        parameters: systemParameters,
        requestBody: {
          required: true,
          content: {
            'text/csv': {
              schema: {
                type: 'string',
                maxLength: CERTIFICATE_CSV_MAX_BYTES,
                description: csvDescription,
              },
            },
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['csv'],
                properties: {
                  csv: {
                    type: 'string',
                    maxLength: CERTIFICATE_CSV_MAX_BYTES,
                    description: csvDescription,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': json(
            'CertificateImportResult',
            'How many batches were registered, and the rows left out; or that the same rows were imported before',
          ),
          '400': {
            ...error,
            description:
              'The file is refused whole: not UTF-8 or a lone surrogate (csv: line N), a bad header, no importable row, or the same serials on two lines (csv: serials appear twice in the file: line 2 and line 4 share A0400-A0494)',
          },
          '401': error,
          '403': error,
          '409': {
            ...error,
            description:
              'Serials of the file are already in the register (not retired), named with their line and batch',
          },
        },
      },
    },
    '/certificates/{id}/retire': {
      post: {
        operationId: 'RetireCertificateBatch',
        description:
          'Takes a batch out of the register: renewed (续期), revoked (吊销) or lost (遗失).',
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
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['version', 'reason'],
                properties: {
                  version: {
                    type: 'integer',
                    minimum: 1,
                    description:
                      'The version the change is based on; a stale one gets 409',
                  },
                  reason: {
                    type: 'string',
                    enum: [...CERTIFICATE_RETIRE_REASONS],
                  },
                  note: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 500,
                    pattern: '^[^\\u0000]*$',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': json('CertificateBatch', 'The batch, retired'),
          '400': error,
          '401': error,
          '403': error,
          '404': error,
          '409': error,
        },
      },
    },
  },
} as const;
