import type { Entity } from '@backstage/catalog-model';
import type { EntityProblem } from '../catalog/entities';
import { ruleProblems } from './rules';
import { schemaProblems } from './schemaErrors';
import type { MaintenanceContractEntityV1alpha1 } from './types';

/**
 * The result of validating a maintenance contract: the entity typed, or every problem found,
 * each naming the field (`spec.severityLevels[0].clocks[1].calendar`) and the reason.
 *
 * @public
 */
export type MaintenanceContractValidation =
  | { valid: true; contract: MaintenanceContractEntityV1alpha1 }
  | { valid: false; problems: EntityProblem[] };

/**
 * Validates a MaintenanceContract entity: first its shape (JSON schema), then the rules a
 * schema cannot say. Never throws, whatever the input.
 *
 * @public
 */
export function validateMaintenanceContract(
  entity: Entity | unknown,
): MaintenanceContractValidation {
  const shape = schemaProblems(entity);
  if (shape.length) return { valid: false, problems: shape };
  const contract = entity as MaintenanceContractEntityV1alpha1;
  const rules = ruleProblems(contract);
  return rules.length
    ? { valid: false, problems: rules }
    : { valid: true, contract };
}
