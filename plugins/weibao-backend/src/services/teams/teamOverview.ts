import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  HOSPITAL_SYSTEM_TYPES,
  HospitalSystemType,
  isContractInForce,
  isHospitalSystemType,
  isMaintenanceContractEntity,
  RELATION_COVERED_BY,
  SystemRisk,
  TeamOverview,
  TeamSystemHealth,
  withRecordedStart,
} from '@weibao/plugin-weibao-common';
import type { ContractAcceptanceStore } from '../../database/contracts/ContractAcceptanceStore';
import type { IncidentStore } from '../../database/incidents/IncidentStore';
import type { ObligationStore } from '../../database/obligations/ObligationStore';
import type { ColumnFilter } from '../../database/permissionFilter';
import type { UpgradeStore } from '../../database/upgrades/UpgradeStore';

/** What a team's overview reads: the catalog and the stores. */
export type TeamOverviewSources = {
  catalog: CatalogService;
  incidents: IncidentStore;
  obligations?: { store: ObligationStore; leadTimeMs: number };
  upgrades?: UpgradeStore;
  /** Final acceptances recorded in Weibao: they start contracts that run from acceptance. */
  acceptances?: ContractAcceptanceStore;
};

/**
 * The caller's read decisions as SQL filters: undefined when unrestricted, null when the
 * caller may not read that kind at all (its figures are then zero).
 */
export type TeamReadFilters = {
  incidents: PermissionCriteria<ColumnFilter> | undefined;
  obligations: PermissionCriteria<ColumnFilter> | undefined | null;
  plans: PermissionCriteria<ColumnFilter> | undefined | null;
};

const COMPONENT_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.type',
  'spec.owner',
  'spec.system',
  'relations',
];

/** Hospitals (titles) and contracts (periods), read together. */
const RELATED_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.period',
];

/** At risk first: a breached clock, a clock at risk, an overdue obligation, one due soon. */
const RISK_ORDER: SystemRisk[] = [
  'breached',
  'at-risk',
  'overdue',
  'due',
  'ok',
];

/** How a system stands, from its figures. */
export function systemRisk(
  figures: Pick<TeamSystemHealth, 'breached' | 'atRisk' | 'obligations'>,
): SystemRisk {
  if (figures.breached > 0) return 'breached';
  if (figures.atRisk > 0) return 'at-risk';
  if (figures.obligations.overdue > 0) return 'overdue';
  if (figures.obligations.dueSoon > 0) return 'due';
  return 'ok';
}

/** At risk first, then by title (Chinese collation), then by ref. */
export function byRiskThenTitle(
  a: TeamSystemHealth,
  b: TeamSystemHealth,
): number {
  return (
    RISK_ORDER.indexOf(a.risk) - RISK_ORDER.indexOf(b.risk) ||
    a.title.localeCompare(b.title, 'zh') ||
    a.systemRef.localeCompare(b.systemRef)
  );
}

const refIn = (entity: Entity, value: unknown, defaultKind: string) =>
  stringifyEntityRef(
    parseEntityRef(String(value), {
      defaultKind,
      defaultNamespace: entity.metadata.namespace,
    }),
  );

const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString();

/**
 * The hospital systems owned by `ownerRefs`, each with the figures of its health, at risk
 * first. A fixed number of reads whatever the number of systems: two from the catalog (the
 * components; their hospitals and contracts together) and one aggregate query per store.
 */
export async function teamOverview(
  sources: TeamOverviewSources,
  credentials: BackstageCredentials,
  ownerRefs: string[],
  now: number,
  filters: TeamReadFilters,
): Promise<TeamOverview> {
  const { catalog } = sources;
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'component',
        'relations.ownedBy': ownerRefs,
        // Kept last: the in-memory catalog used in tests stops at the first array value.
        'spec.type': [...HOSPITAL_SYSTEM_TYPES],
      },
      fields: COMPONENT_FIELDS,
    },
    { credentials },
  );
  const components = items.filter(c => isHospitalSystemType(c.spec?.type));

  const hospitalRefOf = (c: Entity) => refIn(c, c.spec?.system, 'system');
  const contractRefsOf = (c: Entity) =>
    (c.relations ?? [])
      .filter(r => r.type === RELATION_COVERED_BY)
      .map(r => r.targetRef);
  const relatedRefs = [
    ...new Set(
      components.flatMap(c => [
        ...(c.spec?.system ? [hospitalRefOf(c)] : []),
        ...contractRefsOf(c),
      ]),
    ),
  ];
  const systemRefs = components.map(c => stringifyEntityRef(c));
  const contractRefs = [...new Set(components.flatMap(contractRefsOf))];
  const [related, incidents, obligations, plans, acceptedOn] =
    await Promise.all([
      relatedRefs.length
        ? catalog.getEntitiesByRefs(
            { entityRefs: relatedRefs, fields: RELATED_FIELDS },
            { credentials },
          )
        : { items: [] },
      sources.incidents.healthBySystem(systemRefs, now, filters.incidents),
      sources.obligations && filters.obligations !== null
        ? sources.obligations.store.healthBySystem(
            systemRefs,
            now,
            sources.obligations.leadTimeMs,
            filters.obligations,
            contractRefs,
          )
        : { bySystem: new Map(), overdue: 0 },
      sources.upgrades
        ? sources.upgrades.inFlightBySystem(systemRefs, filters.plans)
        : new Map<string, number>(),
      sources.acceptances && contractRefs.length
        ? sources.acceptances.acceptedOn(contractRefs)
        : new Map<string, string>(),
    ]);
  const relatedByRef = new Map<string, Entity>();
  related.items.forEach((e, i) => e && relatedByRef.set(relatedRefs[i], e));

  const contractToday = (c: Entity) =>
    contractRefsOf(c).find(ref => {
      const contract = relatedByRef.get(ref);
      return (
        contract &&
        isMaintenanceContractEntity(contract) &&
        // a period "from final acceptance" starts on the acceptance recorded in Weibao
        isContractInForce(
          withRecordedStart(contract.spec.period, acceptedOn.get(ref)),
          now,
        )
      );
    }) ?? null;

  const systems = components.map((c, i): TeamSystemHealth => {
    const systemRef = systemRefs[i];
    const hospitalRef = c.spec?.system ? hospitalRefOf(c) : '';
    const hospital = relatedByRef.get(hospitalRef);
    const incidentFigures = incidents.get(systemRef);
    const obligationFigures = obligations.bySystem.get(systemRef);
    const figures = {
      openIncidents: incidentFigures?.openIncidents ?? 0,
      awaitingConfirmation: incidentFigures?.awaitingConfirmation ?? 0,
      atRisk: incidentFigures?.atRisk ?? 0,
      breached: incidentFigures?.breached ?? 0,
      nextClockDueAt: iso(incidentFigures?.nextClockDueAt ?? null),
      obligations: {
        overdue: obligationFigures?.overdue ?? 0,
        dueSoon: obligationFigures?.dueSoon ?? 0,
        nextDueAt: iso(obligationFigures?.nextDueAt ?? null),
      },
      upgradesInFlight: plans.get(systemRef) ?? 0,
    };
    return {
      systemRef,
      title: c.metadata.title ?? c.metadata.name,
      type: c.spec?.type as HospitalSystemType,
      hospitalRef,
      hospitalTitle: hospital
        ? hospital.metadata.title ?? hospital.metadata.name
        : null,
      ownerRef: c.spec?.owner
        ? refIn(c, c.spec.owner, 'group')
        : c.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef ?? '',
      contractRef: contractToday(c),
      risk: systemRisk(figures),
      ...figures,
    };
  });
  systems.sort(byRiskThenTitle);

  const sum = (pick: (s: TeamSystemHealth) => number) =>
    systems.reduce((total, s) => total + pick(s), 0);
  return {
    evaluatedAt: new Date(now).toISOString(),
    ownerRefs,
    systems,
    totals: {
      systems: systems.length,
      openIncidents: sum(s => s.openIncidents),
      atRisk: sum(s => s.atRisk),
      breached: sum(s => s.breached),
      overdueObligations: obligations.overdue,
    },
  };
}
