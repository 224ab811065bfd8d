import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of incidents in the permission framework: read and update decisions may be
 * conditional on it (for example "only incidents on systems my groups own").
 *
 * @public
 */
export const INCIDENT_RESOURCE_TYPE = 'weibao-incident';

/** Report a new incident on a hospital system. @public */
export const incidentCreatePermission = createPermission({
  name: 'weibao.incident.create',
  attributes: { action: 'create' },
});

/**
 * Back-fill an incident report whose times lie further back than `weibao.record.maxBackdateHours`
 * (e.g. from a paper register). Granted to Weibao administrators only by the Weibao policy;
 * every back-fill is audited with its reason.
 *
 * @public
 */
export const incidentBackfillPermission = createPermission({
  name: 'weibao.incident.backfill',
  attributes: { action: 'create' },
});

/**
 * Record a contract's final acceptance (终验), which starts a period that runs from it. A
 * permission on the contract's catalog entity: the Weibao policy grants it to the contract's
 * owners (the catalog's IS_ENTITY_OWNER condition, evaluated by the catalog) and administrators.
 *
 * @public
 */
export const contractAcceptPermission = createPermission({
  name: 'weibao.contract.accept',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Read incidents, their clocks and timelines, and the health summaries built from them. @public */
export const incidentReadPermission = createPermission({
  name: 'weibao.incident.read',
  attributes: { action: 'read' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Change an incident: every lifecycle action, re-grade, pause, note and reassignment. @public */
export const incidentUpdatePermission = createPermission({
  name: 'weibao.incident.update',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** The resource type of obligation occurrences (inspections, reports, drills…). @public */
export const OBLIGATION_RESOURCE_TYPE = 'weibao-obligation';

/** Read obligation occurrences and their evidence. @public */
export const obligationReadPermission = createPermission({
  name: 'weibao.obligation.read',
  attributes: { action: 'read' },
  resourceType: OBLIGATION_RESOURCE_TYPE,
});

/** Complete or waive an obligation occurrence. @public */
export const obligationUpdatePermission = createPermission({
  name: 'weibao.obligation.update',
  attributes: { action: 'update' },
  resourceType: OBLIGATION_RESOURCE_TYPE,
});

/**
 * Record a duty as done from a machine's run (a backup job, a vulnerability scanner, a monitoring
 * system at the hospital): `POST /obligations/runs` and the upload of the run's report. Meant for
 * a service credential scoped to it alone (app-config `backend.auth.externalAccess` with
 * `accessRestrictions: [{ plugin: weibao, permission: weibao.obligation.run.record }]`); the
 * Weibao policy denies it to users who are not administrators.
 *
 * @public
 */
export const obligationRunRecordPermission = createPermission({
  name: 'weibao.obligation.run.record',
  attributes: { action: 'create' },
});

/** The resource type of upgrade plans. @public */
export const UPGRADE_PLAN_RESOURCE_TYPE = 'weibao-upgrade-plan';

/** Draw up an upgrade plan for a hospital system. @public */
export const upgradeCreatePermission = createPermission({
  name: 'weibao.upgrade.create',
  attributes: { action: 'create' },
});

/** Read upgrade plans, their gates and history. @public */
export const upgradeReadPermission = createPermission({
  name: 'weibao.upgrade.read',
  attributes: { action: 'read' },
  resourceType: UPGRADE_PLAN_RESOURCE_TYPE,
});

/** Meet gates, reschedule, start, complete, verify, roll back or cancel an upgrade. @public */
export const upgradeUpdatePermission = createPermission({
  name: 'weibao.upgrade.update',
  attributes: { action: 'update' },
  resourceType: UPGRADE_PLAN_RESOURCE_TYPE,
});

/** The resource type of drill records. @public */
export const DRILL_RESOURCE_TYPE = 'weibao-drill';

/** Record a drill (应急演练). @public */
export const drillCreatePermission = createPermission({
  name: 'weibao.drill.create',
  attributes: { action: 'create' },
});

/** Read drill records. @public */
export const drillReadPermission = createPermission({
  name: 'weibao.drill.read',
  attributes: { action: 'read' },
  resourceType: DRILL_RESOURCE_TYPE,
});

/** Every permission Weibao defines. @public */
export const weibaoPermissions = [
  incidentCreatePermission,
  incidentBackfillPermission,
  contractAcceptPermission,
  incidentReadPermission,
  incidentUpdatePermission,
  obligationReadPermission,
  obligationUpdatePermission,
  obligationRunRecordPermission,
  upgradeCreatePermission,
  upgradeReadPermission,
  upgradeUpdatePermission,
  drillCreatePermission,
  drillReadPermission,
];
