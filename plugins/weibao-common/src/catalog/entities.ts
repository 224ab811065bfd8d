import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isHospitalSystemType } from './systemTypes';

/**
 * Whether Weibao has something to show for this entity: true for a hospital system
 * (a Component typed from the vocabulary). Use it with `EntitySwitch` or as a card filter.
 *
 * @public
 */
export function isWeibaoAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    isHospitalSystemType(entity.spec?.type)
  );
}

/**
 * A problem with a hospital system entity, naming the field at fault.
 *
 * @public
 */
export type EntityProblem = { field: string; reason: string };

/**
 * Checks the parts of a hospital-system Component Weibao relies on:
 * it belongs to a hospital (`spec.system`) and its `weibao.io/` annotations are
 * non-empty strings. Returns every problem found, or none.
 *
 * @public
 */
export function checkHospitalSystem(entity: Entity): EntityProblem[] {
  if (!isWeibaoAvailable(entity)) {
    return [];
  }
  const problems: EntityProblem[] = [];
  const system = entity.spec?.system;
  if (typeof system !== 'string' || system.trim() === '') {
    problems.push({
      field: 'spec.system',
      reason:
        'a hospital system must name its hospital (a System entity) in spec.system',
    });
  }
  for (const [key, value] of Object.entries(
    entity.metadata.annotations ?? {},
  )) {
    if (key.startsWith('weibao.io/') && value.trim() === '') {
      problems.push({
        field: `metadata.annotations["${key}"]`,
        reason: 'must not be empty',
      });
    }
  }
  return problems;
}

/**
 * Formats problems the way catalog processing errors show them.
 *
 * @public
 */
export function describeEntityProblems(
  entity: Entity,
  problems: EntityProblem[],
): string {
  return `${stringifyEntityRef(entity)}: ${problems
    .map(p => `${p.field}: ${p.reason}`)
    .join('; ')}`;
}
