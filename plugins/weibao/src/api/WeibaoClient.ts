import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type * as dto from '@weibao/plugin-weibao-common';
import type {
  CompleteObligationRequest,
  CompleteObligationsRequest,
  ContractAcceptance,
  ContractAcceptanceRequest,
  DrillRequest,
  IncidentQuery,
  IncidentReportRequest,
  Instant,
  ObligationGroupQuery,
  ObligationQuery,
  UpgradeActionRequest,
  UpgradePlanQuery,
  UpgradePlanRequest,
  WaiveObligationsRequest,
  WeibaoApi,
} from './WeibaoApi';

type QueryValue = string | number | boolean | undefined | null;
type Query = Record<string, QueryValue | QueryValue[]>;

/** `?a=1&b=x&b=y` from an object; arrays repeat the key, empty values are left out. */
function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') params.append(key, `${v}`);
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** `/{collection}/{namespace}/{name}` of an entity ref (of `defaultKind` when it names none). */
function entityPath(
  collection: 'systems' | 'contracts',
  entityRef: string,
  defaultKind: string,
): string {
  const { namespace, name } = parseEntityRef(entityRef, { defaultKind });
  return `/${collection}/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
}

/** `/systems/{namespace}/{name}` of a Component entity ref. */
const systemPath = (systemRef: string) =>
  entityPath('systems', systemRef, 'component');

/**
 * Talks to `/api/weibao` with the signed-in user's token (through fetchApi).
 *
 * @public
 */
export class WeibaoClient implements WeibaoApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  listHospitalSystems(
    options: { owner?: string } = {},
  ): Promise<dto.HospitalSystemList> {
    return this.get(`/hospital-systems${queryString(options)}`);
  }

  getSystemHealth(systemRef: string): Promise<dto.SystemHealth> {
    return this.get(`${systemPath(systemRef)}/health`);
  }

  getTeamOverview(
    options: { ownerRefs?: string[] } = {},
  ): Promise<dto.TeamOverview> {
    return this.get(
      `/team-overview${queryString({ ownerRef: options.ownerRefs })}`,
    );
  }

  getTeamCalendar(options: {
    month: string;
    ownerRefs?: string[];
  }): Promise<dto.CalendarMonth> {
    return this.get(
      `/calendar${queryString({
        month: options.month,
        ownerRef: options.ownerRefs,
      })}`,
    );
  }

  getContractStanding(entityRef: string): Promise<dto.ContractStanding> {
    return this.get(`/contract-standing${queryString({ entityRef })}`);
  }

  recordContractAcceptance(
    contractRef: string,
    request: ContractAcceptanceRequest,
  ): Promise<ContractAcceptance> {
    const path = entityPath('contracts', contractRef, 'maintenancecontract');
    return this.send('POST', `${path}/acceptance`, request);
  }

  listIncidents(query: IncidentQuery = {}): Promise<dto.IncidentList> {
    return this.get(`/incidents${queryString(query)}`);
  }

  getIncident(id: string): Promise<dto.IncidentDetail> {
    return this.get(`/incidents/${encodeURIComponent(id)}`);
  }

  reportIncident(report: IncidentReportRequest): Promise<dto.IncidentDetail> {
    return this.send('POST', '/incidents', report);
  }

  actOnIncident(
    id: string,
    version: number,
    action: dto.IncidentAction,
    at?: Instant,
  ): Promise<dto.IncidentDetail> {
    return this.send('POST', `/incidents/${encodeURIComponent(id)}/actions`, {
      ...action,
      version,
      ...(at ? { at } : {}),
    });
  }

  listObligations(
    query: ObligationQuery = {},
  ): Promise<dto.ObligationOccurrenceList> {
    return this.get(`/obligations${queryString(query)}`);
  }

  getObligation(id: string): Promise<dto.ObligationOccurrenceDetail> {
    return this.get(`/obligations/${encodeURIComponent(id)}`);
  }

  completeObligation(
    id: string,
    request: CompleteObligationRequest,
  ): Promise<dto.ObligationOccurrence> {
    return this.send(
      'POST',
      `/obligations/${encodeURIComponent(id)}/complete`,
      request,
    );
  }

  waiveObligation(
    id: string,
    request: { version: number; reason: string },
  ): Promise<dto.ObligationOccurrence> {
    return this.send(
      'POST',
      `/obligations/${encodeURIComponent(id)}/waive`,
      request,
    );
  }

  listObligationGroups(
    query: ObligationGroupQuery = {},
  ): Promise<dto.ObligationGroupList> {
    return this.get(`/obligations/groups${queryString(query)}`);
  }

  completeObligations(
    request: CompleteObligationsRequest,
  ): Promise<dto.ObligationBulkResult> {
    return this.send('POST', '/obligations/bulk-complete', request);
  }

  waiveObligations(
    request: WaiveObligationsRequest,
  ): Promise<dto.ObligationBulkResult> {
    return this.send('POST', '/obligations/bulk-waive', request);
  }

  uploadEvidenceFile(file: File): Promise<dto.EvidenceFile> {
    return this.request(`/evidence-files${queryString({ name: file.name })}`, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
      body: file,
    });
  }

  async downloadEvidenceFile(id: string): Promise<Blob> {
    const response = await this.fetch(
      `/evidence-files/${encodeURIComponent(id)}`,
    );
    return response.blob();
  }

  listUpgradePlans(query: UpgradePlanQuery = {}): Promise<dto.UpgradePlanList> {
    return this.get(`/upgrade-plans${queryString(query)}`);
  }

  getUpgradePlan(id: string): Promise<dto.UpgradePlanDetail> {
    return this.get(`/upgrade-plans/${encodeURIComponent(id)}`);
  }

  planUpgrade(request: UpgradePlanRequest): Promise<dto.UpgradePlan> {
    return this.send('POST', '/upgrade-plans', request);
  }

  actOnUpgradePlan(
    id: string,
    version: number,
    action: UpgradeActionRequest,
    at?: Instant,
  ): Promise<dto.UpgradePlan> {
    return this.send(
      'POST',
      `/upgrade-plans/${encodeURIComponent(id)}/actions`,
      { ...action, version, ...(at ? { at } : {}) },
    );
  }

  listDrills(
    query: { systemRef?: string; upgradePlanId?: string; limit?: number } = {},
  ): Promise<dto.DrillList> {
    return this.get(`/drills${queryString(query)}`);
  }

  getDrill(id: string): Promise<dto.DrillRecord> {
    return this.get(`/drills/${encodeURIComponent(id)}`);
  }

  recordDrill(request: DrillRequest): Promise<dto.DrillRecord> {
    return this.send('POST', '/drills', request);
  }

  getCertificateRegister(
    systemRef: string,
    options: { soonDays?: number } = {},
  ): Promise<dto.CertificateRegister> {
    return this.get(
      `${systemPath(systemRef)}/certificates${queryString(options)}`,
    );
  }

  importCertificates(
    systemRef: string,
    csv: string,
  ): Promise<dto.CertificateImportResult> {
    return this.send('POST', `${systemPath(systemRef)}/certificates/import`, {
      csv,
    });
  }

  retireCertificateBatch(
    id: string,
    request: dto.CertificateRetireRequest,
  ): Promise<dto.CertificateBatch> {
    return this.send(
      'POST',
      `/certificates/${encodeURIComponent(id)}/retire`,
      request,
    );
  }

  private async get<T>(path: string): Promise<T> {
    return this.request<T>(path);
  }

  private async send<T>(
    method: 'POST',
    path: string,
    body: unknown,
  ): Promise<T> {
    return this.request<T>(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.fetch(path, init);
    return (await response.json()) as T;
  }

  /** The backend's answer, or its error as a `ResponseError`. */
  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('weibao');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
