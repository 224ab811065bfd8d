import type * as dto from '@weibao/plugin-weibao-common';
import type { operations } from './openapi.generated';
import type {
  CompleteObligationRequest,
  CompleteObligationsRequest,
  ContractAcceptance,
  ContractAcceptanceRequest,
  DrillRequest,
  IncidentReportRequest,
  ObligationGroupQuery,
  ObligationQuery,
  UpgradeActionRequest,
  UpgradePlanRequest,
  WaiveObligationsRequest,
} from './WeibaoApi';

/*
 * The client's types held against the OpenAPI description (src/schema/openapi.yaml of the
 * backend, generated into openapi.generated.ts): this file compiles only while every request the
 * client sends is a body the spec accepts, and every response the spec describes is what the
 * client reads. `yarn tsc` (in the test command) fails when the spec and the client drift.
 */

type JsonBody<T> = T extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type QueryOf<T> = T extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;
type Ok<T> = T extends {
  responses: { [status in 200 | 201]?: infer R };
}
  ? R extends { content: { 'application/json': infer B } }
    ? B
    : never
  : never;

/** Compiles only when `A` is assignable to `B`. */
type Conforms<A extends B, B> = A;

/** The bodies the client sends, each one the spec accepts. */
export type ClientRequests = [
  Conforms<IncidentReportRequest, JsonBody<operations['ReportIncident']>>,
  Conforms<UpgradePlanRequest, JsonBody<operations['PlanUpgrade']>>,
  Conforms<
    UpgradeActionRequest & { version: number },
    JsonBody<operations['ActOnUpgradePlan']>
  >,
  Conforms<DrillRequest, JsonBody<operations['RecordDrill']>>,
  Conforms<
    CompleteObligationRequest,
    JsonBody<operations['CompleteObligationOccurrence']>
  >,
  Conforms<
    ContractAcceptanceRequest,
    JsonBody<operations['RecordContractAcceptance']>
  >,
  Conforms<
    CompleteObligationsRequest,
    JsonBody<operations['CompleteObligationOccurrences']>
  >,
  Conforms<
    WaiveObligationsRequest,
    JsonBody<operations['WaiveObligationOccurrences']>
  >,
];

/** The query parameters the client sends, each one the spec describes. */
export type ClientQueries = [
  Conforms<ObligationQuery, QueryOf<operations['ListObligationOccurrences']>>,
  Conforms<ObligationGroupQuery, QueryOf<operations['ListObligationGroups']>>,
  Conforms<{ name: string }, QueryOf<operations['UploadEvidenceFile']>>,
];

/** The answers the spec describes, each one what the client reads. */
export type ClientResponses = [
  Conforms<Ok<operations['GetSystemHealth']>, dto.SystemHealth>,
  Conforms<Ok<operations['GetTeamOverview']>, dto.TeamOverview>,
  Conforms<Ok<operations['GetTeamCalendar']>, dto.CalendarMonth>,
  Conforms<Ok<operations['ListHospitalSystems']>, dto.HospitalSystemList>,
  Conforms<Ok<operations['RecordContractAcceptance']>, ContractAcceptance>,
  Conforms<Ok<operations['UploadEvidenceFile']>, dto.EvidenceFile>,
];
