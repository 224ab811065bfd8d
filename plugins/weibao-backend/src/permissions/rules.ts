import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  INCIDENT_RESOURCE_TYPE,
  IncidentState,
  OBLIGATION_RESOURCE_TYPE,
} from '@weibao/plugin-weibao-common';
import { z } from 'zod';
import type { IncidentFilter } from '../database/IncidentStore';
import type { ObligationFilter } from '../database/ObligationStore';

/** Incidents in the permission framework: resources are incident states, queries column filters. */
export const incidentResourceRef = createPermissionResourceRef<
  IncidentState,
  IncidentFilter
>().with({ pluginId: 'weibao', resourceType: INCIDENT_RESOURCE_TYPE });

const refs = (description: string) => z.array(z.string()).describe(description);

const hasOwner = createPermissionRule({
  name: 'HAS_OWNER',
  description:
    'Incidents on hospital systems owned by one of the given entities (typically the user’s groups)',
  resourceRef: incidentResourceRef,
  paramsSchema: z.object({
    owners: refs(
      'Owner entity references, e.g. group:default/his-aftersales-guangxi',
    ),
  }),
  apply: (incident, { owners }) => owners.includes(incident.ownerRef),
  toQuery: ({ owners }) => ({ property: 'owner_ref', values: owners }),
});

const isInHospital = createPermissionRule({
  name: 'IS_IN_HOSPITAL',
  description: 'Incidents at one of the given hospitals (System entities)',
  resourceRef: incidentResourceRef,
  paramsSchema: z.object({
    hospitals: refs(
      'Hospital entity references, e.g. system:default/chongzuo-mch',
    ),
  }),
  apply: (incident, { hospitals }) => hospitals.includes(incident.hospitalRef),
  toQuery: ({ hospitals }) => ({ property: 'hospital_ref', values: hospitals }),
});

const isOnSystem = createPermissionRule({
  name: 'IS_ON_SYSTEM',
  description:
    'Incidents on one of the given hospital systems (Component entities)',
  resourceRef: incidentResourceRef,
  paramsSchema: z.object({
    systems: refs(
      'Component entity references, e.g. component:default/zlhis-chongzuo',
    ),
  }),
  apply: (incident, { systems }) => systems.includes(incident.systemRef),
  toQuery: ({ systems }) => ({ property: 'system_ref', values: systems }),
});

/** The rules a permission policy can make incident decisions conditional on. */
export const incidentPermissionRules = { hasOwner, isInHospital, isOnSystem };

const exported = createConditionExports({
  resourceRef: incidentResourceRef,
  rules: incidentPermissionRules,
});

/**
 * Conditions for incident permissions, for use in a permission policy.
 *
 * @public
 */
export const incidentConditions = exported.conditions;

/**
 * Builds a conditional decision for an incident permission.
 *
 * @public
 */
export const createIncidentConditionalDecision =
  exported.createConditionalDecision;

/** Obligation occurrences in the permission framework, restricted by their columns. */
export const obligationResourceRef = createPermissionResourceRef<
  { ownerRef: string; hospitalRef: string },
  ObligationFilter
>().with({ pluginId: 'weibao', resourceType: OBLIGATION_RESOURCE_TYPE });

const obligationHasOwner = createPermissionRule({
  name: 'HAS_OWNER',
  description: 'Occurrences of contracts owned by one of the given entities',
  resourceRef: obligationResourceRef,
  paramsSchema: z.object({
    owners: refs(
      'Owner entity references, e.g. group:default/his-aftersales-guangxi',
    ),
  }),
  apply: (occurrence, { owners }) => owners.includes(occurrence.ownerRef),
  toQuery: ({ owners }) => ({ property: 'owner_ref', values: owners }),
});

const obligationIsInHospital = createPermissionRule({
  name: 'IS_IN_HOSPITAL',
  description: 'Occurrences of contracts with one of the given hospitals',
  resourceRef: obligationResourceRef,
  paramsSchema: z.object({
    hospitals: refs(
      'Hospital entity references, e.g. system:default/chongzuo-mch',
    ),
  }),
  apply: (occurrence, { hospitals }) =>
    hospitals.includes(occurrence.hospitalRef),
  toQuery: ({ hospitals }) => ({ property: 'hospital_ref', values: hospitals }),
});

/** The rules a policy can make obligation decisions conditional on. */
export const obligationPermissionRules = {
  hasOwner: obligationHasOwner,
  isInHospital: obligationIsInHospital,
};

const obligationExports = createConditionExports({
  resourceRef: obligationResourceRef,
  rules: obligationPermissionRules,
});

/** Conditions for obligation permissions, for use in a permission policy. @public */
export const obligationConditions = obligationExports.conditions;

/** Builds a conditional decision for an obligation permission. @public */
export const createObligationConditionalDecision =
  obligationExports.createConditionalDecision;
