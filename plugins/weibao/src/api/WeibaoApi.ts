import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CalendarMonth,
  CertificateBatch,
  CertificateImportResult,
  CertificateRegister,
  CertificateRetireRequest,
  ContractStanding,
  EvidenceFile,
  DrillList,
  DrillRecord,
  HospitalSystemList,
  IncidentAction,
  IncidentDetail,
  IncidentList,
  IncidentReport,
  IncidentStatus,
  ObligationBulkResult,
  ObligationGroupList,
  ObligationOccurrence,
  ObligationOccurrenceDetail,
  ObligationOccurrenceList,
  OccurrenceEvidence,
  OccurrenceState,
  ObligationKind,
  SystemHealth,
  TeamOverview,
  UpgradeAction,
  UpgradePlan,
  UpgradePlanDetail,
  UpgradePlanDraft,
  UpgradePlanList,
  UpgradeStatus,
  UpgradeWindow,
} from '@weibao/plugin-weibao-common';

/** An instant as the API takes it: ISO 8601 with an offset, e.g. `2026-11-21T09:30:00+08:00`. @public */
export type Instant = string;

/** A new incident as `POST /incidents` takes it (instants as ISO 8601). @public */
export type IncidentReportRequest = Omit<
  IncidentReport,
  'occurredAt' | 'reportedAt'
> & { occurredAt: Instant; reportedAt: Instant };

/** Filters and paging of `GET /incidents`. @public */
export type IncidentQuery = {
  systemRef?: string;
  hospitalRef?: string;
  /** Any of these owning groups (e.g. each of the user's teams). */
  ownerRef?: string[];
  level?: number[];
  status?: IncidentStatus[];
  breached?: boolean;
  atRisk?: boolean;
  reportedFrom?: Instant;
  reportedTo?: Instant;
  q?: string;
  limit?: number;
  cursor?: string;
};

/**
 * Which duties: `system`, those of one system (its backups); `contract`, those of a contract as
 * a whole (its quarterly inspection). @public
 */
export type ObligationScope = 'system' | 'contract';

/** Filters and paging of `GET /obligations`. @public */
export type ObligationQuery = {
  contractRef?: string;
  systemRef?: string;
  ownerRef?: string;
  /** One duty of the contract (with `contractRef`), as its groups name it. */
  obligationId?: string;
  /** `none`: the duty's own occurrences; a kind: its follow-ups of that kind (its reports). */
  followUp?: 'none' | 'report' | 'survey' | 'notice';
  scope?: ObligationScope;
  state?: OccurrenceState[];
  kind?: ObligationKind[];
  dueFrom?: Instant;
  dueTo?: Instant;
  limit?: number;
  cursor?: string;
  /** Up to this many of each state (not with `limit` or `cursor`); counts in `stateCounts`. */
  perState?: number;
};

/**
 * Filters of `GET /obligations/groups`. With `systemRef`: the system's own duties and the
 * contract-wide duties of the contracts covering it. @public
 */
export type ObligationGroupQuery = {
  contractRef?: string;
  systemRef?: string;
  ownerRef?: string;
  scope?: ObligationScope;
  kind?: ObligationKind[];
  limit?: number;
};

/**
 * The occurrences a bulk completion or waiver acts on: a selection (each at the version the user
 * saw) or every occurrence of one duty in the given states (overdue and due by default).
 *
 * @public
 */
export type ObligationSelection =
  | { occurrences: Array<{ id: string; version: number }> }
  | { group: DutySelection }
  | {
      /** Several whole duties, in the same transaction. */
      groups: DutySelection[];
    };

/** A whole duty: its occurrences in the given states (overdue and due by default). @public */
export type DutySelection = {
  contractRef: string;
  obligationId: string;
  /** The system of a per-system duty; null for a duty of the contract as a whole. */
  systemRef: string | null;
  /** Its follow-ups of this kind (the reports after inspections) instead of the duty itself. */
  followUp?: 'report' | 'survey' | 'notice' | null;
  states?: Array<'overdue' | 'due' | 'upcoming'>;
};

/** `POST /obligations/bulk-complete`: one piece of evidence for every occurrence. @public */
export type CompleteObligationsRequest = ObligationSelection &
  Omit<OccurrenceEvidence, 'scores' | 'files'> & {
    doneAt?: Instant;
    /** Evidence files uploaded before (`uploadEvidenceFile`), by id. */
    files?: string[];
  };

/** `POST /obligations/bulk-waive`: one reason for every occurrence. @public */
export type WaiveObligationsRequest = ObligationSelection & { reason: string };

/** Filters of `GET /upgrade-plans`. @public */
export type UpgradePlanQuery = {
  systemRef?: string;
  hospitalRef?: string;
  ownerRef?: string;
  status?: UpgradeStatus[];
  limit?: number;
};

/** A new upgrade plan as `POST /upgrade-plans` takes it. @public */
export type UpgradePlanRequest = Omit<UpgradePlanDraft, 'window'> & {
  window: Omit<UpgradeWindow, 'start' | 'end'> & {
    start: Instant;
    end: Instant;
  };
  override?: { reason: string };
};

/**
 * A change to an upgrade plan as `POST /upgrade-plans/{id}/actions` takes it: the action's
 * fields, flat, with instants as ISO 8601 (`backupTaken.at`, `window.start`…). The rollback
 * rehearsal names the drill by `drillId`.
 *
 * @public
 */
export type UpgradeActionRequest =
  | Exclude<
      UpgradeAction,
      { type: 'write-rollback-plan' | 'rehearse-rollback' | 'reschedule' }
    >
  | {
      type: 'write-rollback-plan';
      rollbackPlan: {
        triggerCriteria: string;
        steps: string[];
        expectedRollbackMinutes: number;
        backupTaken: { at: Instant; note: string };
      };
      note: string;
      link?: string;
    }
  | { type: 'rehearse-rollback'; drillId: string; note: string }
  | {
      type: 'reschedule';
      window: UpgradePlanRequest['window'];
      override?: { reason: string };
    };

/** A drill as `POST /drills` takes it. @public */
export type DrillRequest = {
  systemRef: string;
  scenario: string;
  upgradePlanId?: string;
  occurrenceId?: string;
  performedAt: Instant;
  participants: string[];
  recoveryMinutes: number;
  targetMinutes?: number;
  findings?: string;
  followUps?: DrillRecord['followUps'];
};

/** What completing an obligation occurrence records; evidence files by their ids. @public */
export type CompleteObligationRequest = Omit<OccurrenceEvidence, 'files'> & {
  version: number;
  doneAt?: Instant;
  /** Evidence files uploaded before (`uploadEvidenceFile`), by id. */
  files?: string[];
};

/** The final acceptance (终验) of a contract as `POST /contracts/{namespace}/{name}/acceptance` takes it. @public */
export type ContractAcceptanceRequest = {
  /** The day of the final acceptance, YYYY-MM-DD in the hospital's time zone; not after today. */
  acceptedOn: string;
  /** E.g. the acceptance report's number. */
  note?: string;
};

/** A recorded final acceptance: the day, who entered it and when. @public */
export type ContractAcceptance = {
  contractRef: string;
  acceptedOn: string;
  note?: string;
  recordedBy: string;
  recordedAt: Instant;
};

/**
 * The Weibao backend (`/api/weibao`), as the frontend sees it. Every method is one request;
 * failures reject with a `ResponseError` whose message names the field and the reason.
 *
 * @public
 */
export interface WeibaoApi {
  /** Hospital systems, optionally only those owned by one team (group entity ref). */
  listHospitalSystems(options?: {
    owner?: string;
  }): Promise<HospitalSystemList>;

  /** The health summary of one hospital system (a Component entity ref). */
  getSystemHealth(systemRef: string): Promise<SystemHealth>;

  /** Every system of the given owners (by default the signed-in user's), at risk first. */
  getTeamOverview(options?: { ownerRefs?: string[] }): Promise<TeamOverview>;

  /**
   * A month (YYYY-MM) of the teams' calendar (by default the signed-in user's teams): weeks
   * from Monday, each day's kind (weekend, official holiday, make-up workday) and its duties,
   * drills, upgrade windows, freezes and certificate expiries.
   */
  getTeamCalendar(options: {
    month: string;
    ownerRefs?: string[];
  }): Promise<CalendarMonth>;

  /** The contract of a MaintenanceContract or of the Component it covers, with its penalty exposure. */
  getContractStanding(entityRef: string): Promise<ContractStanding>;
  /**
   * Records the final acceptance of a contract that runs from it (a MaintenanceContract entity
   * ref), which starts its period. Refused with 409 once recorded, 403 without the permission.
   */
  recordContractAcceptance(
    contractRef: string,
    request: ContractAcceptanceRequest,
  ): Promise<ContractAcceptance>;

  listIncidents(query?: IncidentQuery): Promise<IncidentList>;
  getIncident(id: string): Promise<IncidentDetail>;
  reportIncident(report: IncidentReportRequest): Promise<IncidentDetail>;
  /** One change; `version` is the one it is based on (a stale one is refused with 409). */
  actOnIncident(
    id: string,
    version: number,
    action: IncidentAction,
    at?: Instant,
  ): Promise<IncidentDetail>;

  listObligations(query?: ObligationQuery): Promise<ObligationOccurrenceList>;
  /** The occurrence and its history (who planned, moved, completed or waived it), oldest first. */
  getObligation(id: string): Promise<ObligationOccurrenceDetail>;
  completeObligation(
    id: string,
    request: CompleteObligationRequest,
  ): Promise<ObligationOccurrence>;
  waiveObligation(
    id: string,
    request: { version: number; reason: string },
  ): Promise<ObligationOccurrence>;
  /** The duties with how many occurrences are in each state, most overdue first. */
  listObligationGroups(
    query?: ObligationGroupQuery,
  ): Promise<ObligationGroupList>;
  /** Completes a selection or a whole duty at once, all or nothing (409/403 naming why). */
  completeObligations(
    request: CompleteObligationsRequest,
  ): Promise<ObligationBulkResult>;
  /** Waives a selection or a whole duty at once, all or nothing. */
  waiveObligations(
    request: WaiveObligationsRequest,
  ): Promise<ObligationBulkResult>;
  /**
   * Stores an evidence file (PDF, PNG or JPEG, at most 20 MB) to attach to a completion by its
   * id; the file is the request's body.
   */
  uploadEvidenceFile(file: File): Promise<EvidenceFile>;
  /** An evidence file's bytes, for those who may read its duty. */
  downloadEvidenceFile(id: string): Promise<Blob>;

  listUpgradePlans(query?: UpgradePlanQuery): Promise<UpgradePlanList>;
  getUpgradePlan(id: string): Promise<UpgradePlanDetail>;
  planUpgrade(request: UpgradePlanRequest): Promise<UpgradePlan>;
  actOnUpgradePlan(
    id: string,
    version: number,
    action: UpgradeActionRequest,
    at?: Instant,
  ): Promise<UpgradePlan>;

  listDrills(query?: {
    systemRef?: string;
    upgradePlanId?: string;
    limit?: number;
  }): Promise<DrillList>;
  getDrill(id: string): Promise<DrillRecord>;
  recordDrill(request: DrillRequest): Promise<DrillRecord>;

  getCertificateRegister(
    systemRef: string,
    options?: { soonDays?: number },
  ): Promise<CertificateRegister>;
  importCertificates(
    systemRef: string,
    csv: string,
  ): Promise<CertificateImportResult>;
  retireCertificateBatch(
    id: string,
    request: CertificateRetireRequest,
  ): Promise<CertificateBatch>;
}

/**
 * @public
 */
export const weibaoApiRef = createApiRef<WeibaoApi>({
  id: 'plugin.weibao.api',
});
