import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  fullEntityRef,
  IncidentTerms,
  isMemberOf,
  notHospitalSystemReason,
  coveringContractAt,
  isMaintenanceContractEntity,
  MaintenanceContractEntityV1alpha1,
  RELATION_COVERED_BY,
  awaitsAcceptance,
  NoClocksCode,
  withRecordedStart,
} from '@weibao/plugin-weibao-common';
import { refOf } from '../../request';

/**
 * A hospital system by ref, read with the caller's credentials: a Component of a type from the
 * vocabulary, with an owner, in a hospital (System) the catalog knows. Anything else is a 400
 * naming the field and why.
 */
export async function hospitalSystem(
  catalog: CatalogService,
  ref: string,
  credentials: BackstageCredentials,
  field = 'systemRef',
): Promise<Entity> {
  const systemRef = refOf(field, ref, 'component');
  const entity = await catalog.getEntityByRef(systemRef, { credentials });
  if (!entity) {
    throw new InputError(`${field}: ${systemRef} is not in the catalog`);
  }
  const reason = notHospitalSystemReason(entity);
  if (reason) throw new InputError(`${field}: ${reason}`);
  const hospitalRef = fullEntityRef(
    String(entity.spec!.system),
    'system',
    entity.metadata.namespace,
  );
  const hospital = await catalog.getEntityByRef(hospitalRef, { credentials });
  if (!hospital) {
    throw new InputError(
      `${field}: ${systemRef} belongs to the hospital ${hospitalRef}, which is not in the catalog`,
    );
  }
  return entity;
}

/**
 * Checks that each user ref names a User in the catalog who is a member of the owning team
 * (weibao-common's isMemberOf); a 400 names the item (`assignees[1]`) and why. Returns the
 * full refs.
 */
export async function teamMembers(
  catalog: CatalogService,
  refs: string[],
  ownerRef: string,
  credentials: BackstageCredentials,
  field: string,
): Promise<string[]> {
  const full = refs.map((r, i) => refOf(`${field}[${i}]`, r, 'user'));
  if (!full.length) return full;
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: full },
    { credentials },
  );
  full.forEach((ref, i) => {
    const user = items[i];
    if (!user) {
      throw new InputError(
        `${field}[${i}]: ${ref} is not a user in the catalog`,
      );
    }
    if (!isMemberOf(user, ownerRef)) {
      throw new InputError(
        `${field}[${i}]: ${ref} is not a member of ${ownerRef}, the team owning the system`,
      );
    }
  });
  return full;
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
  recordedStarts?: RecordedStarts,
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
  const found = items.filter(
    (e): e is MaintenanceContractEntityV1alpha1 =>
      Boolean(e) && isMaintenanceContractEntity(e!),
  );
  // a period "from final acceptance" starts on the acceptance recorded in Weibao, if any
  const starts = recordedStarts
    ? await recordedStarts(found.map(c => stringifyEntityRef(c)))
    : new Map<string, string>();
  const candidates = found.map(c => {
    const period = withRecordedStart(
      c.spec.period,
      starts.get(stringifyEntityRef(c)),
    );
    return period === c.spec.period ? c : { ...c, spec: { ...c.spec, period } };
  });
  // in force at that instant; of two (a renewal), the one that started last
  const contract = coveringContractAt(candidates, at);
  return { contract, refs, candidates };
}

/** The acceptance days recorded in Weibao for contracts, by ref (ContractAcceptanceStore). */
export type RecordedStarts = (
  contractRefs: string[],
) => Promise<Map<string, string>>;

/** The terms of the contract covering the system on the day of the report, if any. */
export async function coveringContractTerms(
  catalog: CatalogService,
  system: Entity,
  reportedAt: number,
  credentials: BackstageCredentials,
  recordedStarts?: RecordedStarts,
): Promise<{
  terms: IncidentTerms | null;
  noClocksReason?: string;
  noClocksCode?: NoClocksCode;
}> {
  const systemRef = stringifyEntityRef(system);
  const {
    contract: inForce,
    refs,
    candidates,
  } = await coveringContract(
    catalog,
    system,
    reportedAt,
    credentials,
    recordedStarts,
  );
  if (!refs.length) {
    return {
      terms: null,
      noClocksReason: `no maintenance contract covers ${systemRef}: the incident has no clocks`,
      noClocksCode: 'no-contract',
    };
  }
  if (!inForce) {
    const awaiting = candidates.filter(c => awaitsAcceptance(c.spec.period));
    if (awaiting.length) {
      return {
        terms: null,
        noClocksCode: 'awaiting-acceptance',
        noClocksReason: `${awaiting
          .map(c => stringifyEntityRef(c))
          .join(
            ', ',
          )} runs from final acceptance and no acceptance is recorded: the contract is not in force, so no clock started`,
      };
    }
    return {
      terms: null,
      noClocksCode: 'not-in-force',
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
