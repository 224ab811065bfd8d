import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
  PermissionResourceRef,
} from '@backstage/plugin-permission-node';
import {
  DRILL_RESOURCE_TYPE,
  INCIDENT_RESOURCE_TYPE,
  IncidentState,
  OBLIGATION_RESOURCE_TYPE,
  UPGRADE_PLAN_RESOURCE_TYPE,
} from '@weibao/plugin-weibao-common';
import { z } from 'zod';
import type { ColumnFilter } from '../database/permissionFilter';

/** What every Weibao resource carries for permission rules. @public */
export type Owned = {
  ownerRef: string;
  hospitalRef: string;
  systemRef?: string | null;
};

const refs = (description: string) => z.array(z.string()).describe(description);

/**
 * The rules every Weibao resource type has: HAS_OWNER (the owning team of the system or
 * contract) and IS_IN_HOSPITAL; resources on one system also IS_ON_SYSTEM.
 */
function ownershipRules<TResourceType extends string, TResource extends Owned>(
  resourceRef: PermissionResourceRef<TResource, ColumnFilter, TResourceType>,
  what: string,
) {
  return {
    hasOwner: createPermissionRule({
      name: 'HAS_OWNER',
      description: `${what} owned by one of the given entities (typically the user’s groups)`,
      resourceRef,
      paramsSchema: z.object({
        owners: refs(
          'Owner entity references, e.g. group:default/his-aftersales-guangxi',
        ),
      }),
      apply: (resource, { owners }) => owners.includes(resource.ownerRef),
      toQuery: ({ owners }) => ({ property: 'owner_ref', values: owners }),
    }),
    isInHospital: createPermissionRule({
      name: 'IS_IN_HOSPITAL',
      description: `${what} at one of the given hospitals (System entities)`,
      resourceRef,
      paramsSchema: z.object({
        hospitals: refs(
          'Hospital entity references, e.g. system:default/chongzuo-mch',
        ),
      }),
      apply: (resource, { hospitals }) =>
        hospitals.includes(resource.hospitalRef),
      toQuery: ({ hospitals }) => ({
        property: 'hospital_ref',
        values: hospitals,
      }),
    }),
    isOnSystem: createPermissionRule({
      name: 'IS_ON_SYSTEM',
      description: `${what} on one of the given hospital systems (Component entities)`,
      resourceRef,
      paramsSchema: z.object({
        systems: refs(
          'Component entity references, e.g. component:default/zlhis-chongzuo',
        ),
      }),
      apply: (resource, { systems }) =>
        typeof resource.systemRef === 'string' &&
        systems.includes(resource.systemRef),
      toQuery: ({ systems }) => ({ property: 'system_ref', values: systems }),
    }),
  };
}

const ref = <TResource extends Owned>() =>
  createPermissionResourceRef<TResource, ColumnFilter>();

/** Incidents: resources are incident states, queries column filters. */
export const incidentResourceRef = ref<IncidentState>().with({
  pluginId: 'weibao',
  resourceType: INCIDENT_RESOURCE_TYPE,
});
export const incidentPermissionRules = ownershipRules(
  incidentResourceRef,
  'Incidents',
);
const incidentExports = createConditionExports({
  resourceRef: incidentResourceRef,
  rules: incidentPermissionRules,
});
/** Conditions for incident permissions, for use in a permission policy. @public */
export const incidentConditions = incidentExports.conditions;
/** Builds a conditional decision for an incident permission. @public */
export const createIncidentConditionalDecision =
  incidentExports.createConditionalDecision;

/** Obligation occurrences (of a contract, so no IS_ON_SYSTEM in SQL: it has no system column). */
export const obligationResourceRef = ref<Owned>().with({
  pluginId: 'weibao',
  resourceType: OBLIGATION_RESOURCE_TYPE,
});
const { hasOwner: obligationHasOwner, isInHospital: obligationIsInHospital } =
  ownershipRules(obligationResourceRef, 'Obligation occurrences');
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

/** Upgrade plans. */
export const upgradePlanResourceRef = ref<Owned>().with({
  pluginId: 'weibao',
  resourceType: UPGRADE_PLAN_RESOURCE_TYPE,
});
export const upgradePlanPermissionRules = ownershipRules(
  upgradePlanResourceRef,
  'Upgrade plans',
);
const upgradeExports = createConditionExports({
  resourceRef: upgradePlanResourceRef,
  rules: upgradePlanPermissionRules,
});
/** Conditions for upgrade-plan permissions, for use in a permission policy. @public */
export const upgradePlanConditions = upgradeExports.conditions;
/** Builds a conditional decision for an upgrade-plan permission. @public */
export const createUpgradePlanConditionalDecision =
  upgradeExports.createConditionalDecision;

/** Drill records. */
export const drillResourceRef = ref<Owned>().with({
  pluginId: 'weibao',
  resourceType: DRILL_RESOURCE_TYPE,
});
export const drillPermissionRules = ownershipRules(drillResourceRef, 'Drills');
const drillExports = createConditionExports({
  resourceRef: drillResourceRef,
  rules: drillPermissionRules,
});
/** Conditions for drill permissions, for use in a permission policy. @public */
export const drillConditions = drillExports.conditions;
