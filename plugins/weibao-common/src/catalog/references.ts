import {
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { HOSPITAL_SYSTEM_TYPES, isHospitalSystemType } from './systemTypes';

const validator = makeValidator();

const EXAMPLE_NAMES: Record<string, string> = {
  group: 'his-aftersales-guangxi',
  user: 'li.na',
  component: 'zlhis-chongzuo',
  system: 'chongzuo-mch',
  maintenancecontract: 'chongzuo-mch-2026',
};

/** @public */
export type RefCheck =
  | { ok: true; ref: string }
  | { ok: false; reason: string };

/**
 * Checks an entity reference given by a user (a body field or a query parameter): it must parse,
 * its kind, namespace and name must be ones the catalog accepts, and its kind must be the one
 * expected (`kind` may be left out; it is the default). The reason reads after the field's name.
 *
 * @public
 */
export function checkEntityRef(value: string, kind: string): RefCheck {
  const example = `${kind.toLocaleLowerCase('en-US')}:default/${
    EXAMPLE_NAMES[kind.toLocaleLowerCase('en-US')] ?? 'name'
  }`;
  let parsed;
  try {
    parsed = parseEntityRef(value, { defaultKind: kind });
  } catch (e) {
    return {
      ok: false,
      reason: `"${value}" is not an entity reference (${
        (e as Error).message
      }); give one such as ${example}`,
    };
  }
  const parts: Array<[boolean, string]> = [
    [validator.isValidKind(parsed.kind), `its kind "${parsed.kind}"`],
    [
      validator.isValidNamespace(parsed.namespace.toLocaleLowerCase('en-US')),
      `its namespace "${parsed.namespace}"`,
    ],
    [validator.isValidEntityName(parsed.name), `its name "${parsed.name}"`],
  ];
  const bad = parts.find(([valid]) => !valid);
  if (bad) {
    return {
      ok: false,
      reason: `"${value}" is not an entity reference: ${bad[1]} is not valid in the catalog; give one such as ${example}`,
    };
  }
  if (
    parsed.kind.toLocaleLowerCase('en-US') !== kind.toLocaleLowerCase('en-US')
  ) {
    return {
      ok: false,
      reason: `"${value}" refers to a ${parsed.kind}, not a ${kind}; give one such as ${example}`,
    };
  }
  return { ok: true, ref: stringifyEntityRef(parsed) };
}

/**
 * Why an entity is not a hospital system Weibao can record incidents, plans and drills on, or
 * undefined when it is: a Component whose `spec.type` is in the vocabulary, naming its hospital
 * (`spec.system`) and its owning team (`spec.owner`).
 *
 * @public
 */
export function notHospitalSystemReason(entity: Entity): string | undefined {
  const ref = stringifyEntityRef(entity);
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') {
    return `${ref} is a ${entity.kind}; hospital systems are Components`;
  }
  const type = entity.spec?.type;
  if (!isHospitalSystemType(type)) {
    return `${ref} is a component of type "${String(
      type ?? 'none',
    )}", not a hospital system (spec.type must be one of ${HOSPITAL_SYSTEM_TYPES.join(
      ', ',
    )})`;
  }
  if (typeof entity.spec?.system !== 'string' || !entity.spec.system) {
    return `${ref} names no hospital (spec.system)`;
  }
  if (typeof entity.spec?.owner !== 'string' || !entity.spec.owner) {
    return `${ref} names no owning team (spec.owner)`;
  }
  return undefined;
}

/**
 * Whether a User entity is a member of a group: by its `memberOf` relations (as the catalog
 * serves it) or its `spec.memberOf` (refs in the user's namespace, kind group by default).
 *
 * @public
 */
export function isMemberOf(user: Entity, groupRef: string): boolean {
  if (user.kind.toLocaleLowerCase('en-US') !== 'user') return false;
  const target = stringifyEntityRef(
    parseEntityRef(groupRef, { defaultKind: 'group' }),
  );
  const related = (user.relations ?? [])
    .filter(r => r.type === 'memberOf')
    .map(r => r.targetRef);
  const declared = Array.isArray(user.spec?.memberOf)
    ? (user.spec!.memberOf as unknown[])
        .filter((m): m is string => typeof m === 'string')
        .map(m => {
          try {
            return stringifyEntityRef(
              parseEntityRef(m, {
                defaultKind: 'group',
                defaultNamespace: user.metadata.namespace ?? 'default',
              }),
            );
          } catch {
            return '';
          }
        })
    : [];
  return [...related, ...declared].includes(target);
}

/**
 * The catalog's processing errors of an entity (`status.items` of type
 * `backstage.io/catalog-processing`, level error). An entity served with such errors is one
 * whose latest definition was refused: the catalog keeps serving its last good version.
 *
 * @public
 */
export function catalogProcessingErrors(entity: Entity): string[] {
  return ((entity as AlphaEntity).status?.items ?? [])
    .filter(
      item =>
        item.type === 'backstage.io/catalog-processing' &&
        item.level === 'error',
    )
    .map(item => item.message.replace(/^InputError: /, ''));
}
