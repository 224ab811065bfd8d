import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  assessLateServicePenalties,
  ContractStanding,
  contractPeriodBounds,
  DEFAULT_TIME_ZONE,
  fullEntityRef,
  isContractInForce,
  isHospitalSystemType,
  isMaintenanceContractEntity,
  MaintenanceContractEntityV1alpha1,
  MAINTENANCE_CONTRACT_KIND,
  trackingStartAt,
  withRecordedStart,
} from '@weibao/plugin-weibao-common';
import { DateTime } from 'luxon';
import type { IncidentStore } from '../../database/incidents/IncidentStore';
import type { ObligationStore } from '../../database/obligations/ObligationStore';
import type { ColumnFilter } from '../../database/permissionFilter';
import type { ContractAcceptanceStore } from '../../database/contracts/ContractAcceptanceStore';
import { coveringContract } from '../catalog/catalogLookup';

/** What a contract's standing reads: the catalog and the stores. */
export type ContractStandingSources = {
  catalog: CatalogService;
  incidents: IncidentStore;
  obligations?: { store: ObligationStore; leadTimeMs: number };
  /** Final acceptances recorded in Weibao: they start contracts that run from acceptance. */
  acceptances?: ContractAcceptanceStore;
};

/** Read decisions as SQL filters: undefined when unrestricted, null when not allowed at all. */
export type ContractReadFilters = {
  incidents: PermissionCriteria<ColumnFilter> | undefined;
  obligations: PermissionCriteria<ColumnFilter> | undefined | null;
};

/** The kinds `entityRef` may name, lower case. */
export const STANDING_KINDS = [
  MAINTENANCE_CONTRACT_KIND.toLocaleLowerCase('en-US'),
  'component',
];

const COVERED_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.type',
];

const dateOf = (ms: number) =>
  DateTime.fromMillis(ms, { zone: DEFAULT_TIME_ZONE }).toISODate()!;

/** First and last day of a contract's period (the last inclusive), when known. */
function periodDays(contract: MaintenanceContractEntityV1alpha1) {
  const bounds = contractPeriodBounds(contract.spec.period);
  if (!bounds) return { start: null, end: null };
  return { start: dateOf(bounds.start), end: dateOf(bounds.end - 1) };
}

/**
 * A contract's standing, or for a Component the standing of the contract covering it today
 * (`contract: null` with the reason when there is none). Unknown entity: NotFoundError.
 */
export async function contractStanding(
  sources: ContractStandingSources,
  credentials: BackstageCredentials,
  entityRef: CompoundEntityRef,
  now: number,
  filters: ContractReadFilters,
): Promise<ContractStanding> {
  const { catalog, acceptances } = sources;
  const recordedStarts =
    acceptances && ((refs: string[]) => acceptances.acceptedOn(refs));
  const ref = stringifyEntityRef(entityRef);
  const evaluatedAt = new Date(now).toISOString();
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new NotFoundError(`entityRef: ${ref} is not in the catalog`);
  }

  let contract: MaintenanceContractEntityV1alpha1;
  if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
    const found = await coveringContract(
      catalog,
      entity,
      now,
      credentials,
      recordedStarts,
    );
    if (!found.contract) {
      return {
        evaluatedAt,
        entityRef: ref,
        contract: null,
        reason: noContractReason(ref, found, now),
      };
    }
    contract = found.contract;
  } else if (isMaintenanceContractEntity(entity)) {
    // a period "from final acceptance" starts on the acceptance recorded in Weibao, if any
    const accepted = recordedStarts
      ? (await recordedStarts([ref])).get(ref)
      : undefined;
    const period = withRecordedStart(entity.spec.period, accepted);
    contract =
      period === entity.spec.period
        ? entity
        : { ...entity, spec: { ...entity.spec, period } };
  } else {
    throw new InputError(
      `entityRef: ${ref} is not a MaintenanceContract of weibao.io/v1alpha1 (apiVersion ${entity.apiVersion})`,
    );
  }

  const contractRef = stringifyEntityRef(contract);
  const coveredRefs = contract.spec.covers.map(c =>
    fullEntityRef(c, 'component', contract.metadata.namespace),
  );
  const noObligations = { overdue: 0, dueSoon: 0, done: 0 };
  const [covered, breaches, obligations] = await Promise.all([
    coveredRefs.length
      ? catalog.getEntitiesByRefs(
          { entityRefs: coveredRefs, fields: COVERED_FIELDS },
          { credentials },
        )
      : { items: [] },
    sources.incidents.contractBreaches(contractRef, now, filters.incidents),
    sources.obligations && filters.obligations !== null
      ? sources.obligations.store.contractCounts(
          contractRef,
          now,
          sources.obligations.leadTimeMs,
          filters.obligations,
        )
      : noObligations,
  ]);

  // a clock that fell due before the contract's own tracking start is not counted (issue 16).
  // Without one, every incident recorded in Weibao counts: Weibao saw the contract when it
  // started the incident's clocks under it.
  const trackingStart = trackingStartAt(contract.spec, -Infinity);
  const exposure = assessLateServicePenalties(
    contract.spec,
    breaches
      .filter(b => b.lateFrom >= trackingStart)
      .map(b => ({ ...b, dueAt: b.lateFrom })),
    now,
  );
  const period = periodDays(contract);
  return {
    evaluatedAt,
    entityRef: ref,
    contract: {
      entityRef: contractRef,
      title: contract.metadata.title ?? contract.metadata.name,
      spec: contract.spec,
      periodStart: period.start,
      periodEnd: period.end,
      inForce: isContractInForce(contract.spec.period, now),
      covered: coveredRefs.map((coveredRef, i) => {
        const system = covered.items[i];
        const type = system?.spec?.type;
        return {
          entityRef: coveredRef,
          title: system
            ? system.metadata.title ?? system.metadata.name
            : coveredRef,
          type: isHospitalSystemType(type) ? type : null,
        };
      }),
      exposure: {
        currency: exposure.currency,
        amount: exposure.amount,
        uncappedAmount: exposure.uncappedAmount,
        capAmount: exposure.capAmount,
        capped: exposure.capped,
        breaches: exposure.breaches.map(b => ({
          incidentId: b.incidentId,
          title: b.title,
          systemRef: b.systemRef,
          milestone: b.milestone,
          dueAt: new Date(b.dueAt).toISOString(),
          metAt: b.metAt === null ? null : new Date(b.metAt).toISOString(),
          daysLate: b.daysLate,
          amount: b.amount,
        })),
      },
      obligations,
    },
    reason: null,
  };
}

/** Why a component has no contract today, in plain English. */
function noContractReason(
  systemRef: string,
  found: Awaited<ReturnType<typeof coveringContract>>,
  now: number,
): string {
  if (!found.refs.length) {
    return `no maintenance contract covers ${systemRef}`;
  }
  if (!found.candidates.length) {
    return `the contracts covering ${systemRef} are not in the catalog: ${found.refs.join(
      ', ',
    )}`;
  }
  const periods = found.candidates.map(c => {
    const { start, end } = periodDays(c);
    return `${stringifyEntityRef(c)} runs from ${start} to ${end}`;
  });
  return `no contract covering ${systemRef} is in force today (${dateOf(
    now,
  )}): ${periods.join('; ')}`;
}
