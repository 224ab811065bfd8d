import Ajv, { ErrorObject } from 'ajv';
import type { EntityProblem } from '../catalog/entities';
import { maintenanceContractSchema } from './schema';

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateSchema = ajv.compile(maintenanceContractSchema);

/** `/spec/severityLevels/0/clocks` → `spec.severityLevels[0].clocks` */
export function fieldPath(pointer: string, child?: string): string {
  const parts = pointer.split('/').filter(Boolean);
  if (child !== undefined) parts.push(child);
  let path = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) path += `[${part}]`;
    else path += path ? `.${part}` : part;
  }
  return path;
}

function describe(error: ErrorObject): EntityProblem {
  // the params of the keywords described here (Ajv types them as Record<string, any>)
  const p = error.params as {
    missingProperty: string;
    additionalProperty: string;
    allowedValues: unknown[];
    type: string;
    pattern: string;
  };
  switch (error.keyword) {
    case 'required':
      return {
        field: fieldPath(error.instancePath, p.missingProperty),
        reason: 'is required',
      };
    case 'additionalProperties':
      return {
        field: fieldPath(error.instancePath, p.additionalProperty),
        reason: 'is not a field of a MaintenanceContract (check the spelling)',
      };
    case 'enum':
      return {
        field: fieldPath(error.instancePath),
        reason: `must be one of ${p.allowedValues
          .map(v => JSON.stringify(v))
          .join(', ')}`,
      };
    case 'type':
      return {
        field: fieldPath(error.instancePath),
        reason: `must be a ${p.type}`,
      };
    case 'pattern': {
      const hint = (error.parentSchema as { description?: string } | undefined)
        ?.description;
      return {
        field: fieldPath(error.instancePath),
        reason: hint ? `must be written ${hint}` : `must match ${p.pattern}`,
      };
    }
    default:
      return {
        field: fieldPath(error.instancePath),
        reason: error.message ?? error.keyword,
      };
  }
}

const PERIOD_HINT =
  'must give either start and end (YYYY-MM-DD), or from (signing or final-acceptance) with years or months';

/**
 * Checks a contract against its JSON schema and says what is wrong, one problem per field,
 * each naming the field (`spec.severityLevels[0].clocks`) and the reason.
 */
export function schemaProblems(entity: unknown): EntityProblem[] {
  if (validateSchema(entity)) return [];
  const problems: EntityProblem[] = [];
  let periodReported = false;
  for (const error of validateSchema.errors ?? []) {
    // `period` is one of two shapes: ajv reports every branch; one sentence says it better.
    if (error.instancePath.startsWith('/spec/period')) {
      if (!periodReported)
        problems.push({ field: 'spec.period', reason: PERIOD_HINT });
      periodReported = true;
      continue;
    }
    const problem = describe(error);
    if (
      !problems.some(
        q => q.field === problem.field && q.reason === problem.reason,
      )
    ) {
      problems.push(problem);
    }
  }
  return problems;
}
