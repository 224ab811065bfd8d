import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  fullEntityRef,
  IncidentTerms,
  isContractInForce,
  isMaintenanceContractEntity,
  MaintenanceContractEntityV1alpha1,
  RELATION_COVERED_BY,
} from '@weibao/plugin-weibao-common';

/** A hospital system (Component with a hospital and an owner) by ref, read with the caller's credentials. */
export async function hospitalSystem(
  catalog: CatalogService,
  ref: string,
  credentials: BackstageCredentials,
  field = 'systemRef',
): Promise<Entity> {
  let parsed;
  try {
    parsed = parseEntityRef(ref, { defaultKind: 'component' });
  } catch (e) {
    throw new InputError(
      `${field}: "${ref}" is not an entity reference (${(e as Error).message})`,
    );
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'component') {
    throw new InputError(
      `${field}: ${stringifyEntityRef(
        parsed,
      )} is not a Component; hospital systems are Components`,
    );
  }
  const entity = await catalog.getEntityByRef(parsed, { credentials });
  if (!entity) {
    throw new InputError(
      `${field}: ${stringifyEntityRef(parsed)} is not in the catalog`,
    );
  }
  if (!entity.spec?.system || !entity.spec?.owner) {
    throw new InputError(
      `${field}: ${stringifyEntityRef(
        parsed,
      )} names no hospital (spec.system) or no owner (spec.owner)`,
    );
  }
  return entity;
}

/**
 * The contract covering a system at an instant (through its `coveredBy` relations), with the
 * refs and readable contracts it was chosen from, so that callers can say why there is none.
 */
export async function coveringContract(
  catalog: CatalogService,
  system: Entity,
  at: number,
  credentials: BackstageCredentials,
): Promise<{
  contract: MaintenanceContractEntityV1alpha1 | undefined;
  refs: string[];
  candidates: MaintenanceContractEntityV1alpha1[];
}> {
  const refs = (system.relations ?? [])
    .filter(r => r.type === RELATION_COVERED_BY)
    .map(r => r.targetRef);
  if (!refs.length) return { contract: undefined, refs, candidates: [] };
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs },
    { credentials },
  );
  const candidates = items.filter(
    (e): e is MaintenanceContractEntityV1alpha1 =>
      Boolean(e) && isMaintenanceContractEntity(e!),
  );
  const contract = candidates.find(c => isContractInForce(c.spec.period, at));
  return { contract, refs, candidates };
}

/** The terms of the contract covering the system on the day of the report, if any. */
export async function coveringContractTerms(
  catalog: CatalogService,
  system: Entity,
  reportedAt: number,
  credentials: BackstageCredentials,
): Promise<{ terms: IncidentTerms | null; noClocksReason?: string }> {
  const systemRef = stringifyEntityRef(system);
  const { contract: inForce, refs } = await coveringContract(
    catalog,
    system,
    reportedAt,
    credentials,
  );
  if (!refs.length) {
    return {
      terms: null,
      noClocksReason: `no maintenance contract covers ${systemRef}: the incident has no clocks`,
    };
  }
  if (!inForce) {
    return {
      terms: null,
      noClocksReason: `no contract covering ${systemRef} is in force on the report date (${refs.join(
        ', ',
      )}): the incident has no clocks`,
    };
  }
  return {
    terms: {
      contractRef: stringifyEntityRef(inForce),
      vendorRef: fullEntityRef(inForce.spec.vendor, 'group'),
      levels: inForce.spec.severityLevels.map(l => ({
        level: l.level,
        name: l.name,
        clocks: l.clocks,
      })),
      ...(inForce.spec.calendars ? { calendars: inForce.spec.calendars } : {}),
      ...(inForce.spec.calendarOverrides
        ? { calendarOverrides: inForce.spec.calendarOverrides }
        : {}),
    },
  };
}
