import type {
  IncidentChannel,
  IncidentType,
  IncidentUrgency,
} from '@weibao/plugin-weibao-common';
import type { IncidentReportRequest } from '../../api';
import { HOSPITAL_TIME_ZONE } from '../../lib/format';
import { hospitalInstant, hospitalLocal } from '../../lib/forms';
import { listOf } from './incidentRisk';

/** The report form's inputs and the backend field names each shows errors for. */
export const REPORT_INPUTS = {
  title: ['title'],
  symptoms: ['symptoms'],
  reporterName: ['reporter.name'],
  reporterContact: ['reporter.contact'],
  level: ['level'],
  channel: ['channel'],
  occurredAt: ['occurredAt'],
  reportedAt: ['reportedAt'],
  type: ['type'],
  urgency: ['urgency'],
  module: ['module'],
  impactModules: ['impact.modules'],
  impactProcesses: ['impact.processes'],
  impactUserGroups: ['impact.userGroups'],
} as const;

export type ReportInput = keyof typeof REPORT_INPUTS;
export type ReportValues = Record<ReportInput, string>;

/** The inputs a report cannot leave blank. */
export const REQUIRED_REPORT_INPUTS: ReportInput[] = [
  'title',
  'symptoms',
  'reporterName',
  'reporterContact',
  'level',
  'occurredAt',
  'reportedAt',
];

/** A fresh form: occurred and reported now (hospital time), by hotline, an ordinary request. */
export function initialReportValues(): ReportValues {
  const now = hospitalLocal(Date.now(), HOSPITAL_TIME_ZONE);
  return {
    title: '',
    symptoms: '',
    reporterName: '',
    reporterContact: '',
    level: '',
    channel: 'hotline',
    occurredAt: now,
    reportedAt: now,
    type: 'request',
    urgency: 'ordinary',
    module: '',
    impactModules: '',
    impactProcesses: '',
    impactUserGroups: '',
  };
}

/**
 * What is wrong with the values before anything is sent: blank required inputs, times that are
 * not ones, an occurrence after the report. `messages` words each problem.
 */
export function reportProblems(
  values: ReportValues,
  messages: { required: string; invalidTime: string; occurredAfter: string },
): Partial<Record<ReportInput, string>> {
  const problems: Partial<Record<ReportInput, string>> = {};
  for (const input of REQUIRED_REPORT_INPUTS) {
    if (!values[input].trim()) problems[input] = messages.required;
  }
  for (const input of ['occurredAt', 'reportedAt'] as const) {
    if (
      !problems[input] &&
      !hospitalInstant(values[input], HOSPITAL_TIME_ZONE)
    ) {
      problems[input] = messages.invalidTime;
    }
  }
  if (
    !problems.occurredAt &&
    !problems.reportedAt &&
    values.occurredAt > values.reportedAt
  ) {
    problems.occurredAt = messages.occurredAfter;
  }
  return problems;
}

/** The request body of the form's values (instants on the hospital's wall clock). */
export function reportRequest(
  systemRef: string,
  values: ReportValues,
): IncidentReportRequest {
  const impact = {
    modules: listOf(values.impactModules),
    processes: listOf(values.impactProcesses),
    userGroups: listOf(values.impactUserGroups),
  };
  const hasImpact = Object.values(impact).some(list => list.length > 0);
  return {
    systemRef,
    title: values.title.trim(),
    symptoms: values.symptoms.trim(),
    reporter: {
      name: values.reporterName.trim(),
      contact: values.reporterContact.trim(),
    },
    channel: values.channel as IncidentChannel,
    type: values.type as IncidentType,
    urgency: values.urgency as IncidentUrgency,
    level: Number(values.level),
    occurredAt: hospitalInstant(values.occurredAt, HOSPITAL_TIME_ZONE)!,
    reportedAt: hospitalInstant(values.reportedAt, HOSPITAL_TIME_ZONE)!,
    ...(values.module.trim() ? { module: values.module.trim() } : {}),
    ...(hasImpact
      ? {
          impact: Object.fromEntries(
            Object.entries(impact).filter(([, list]) => list.length > 0),
          ),
        }
      : {}),
  };
}
