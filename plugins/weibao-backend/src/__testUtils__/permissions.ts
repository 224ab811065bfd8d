import { PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  incidentReadPermission,
  obligationReadPermission,
} from '@weibao/plugin-weibao-common';
import {
  createIncidentConditionalDecision,
  incidentConditions,
} from '../permissions/rules';
import { CRITICAL_CARE_TEAM } from './portalBackend';

/*
 * Permission policies for the backend's tests. Test code only.
 */

/**
 * A policy allowing every basic permission and deciding each conditional one by name;
 * a permission not named gets `otherwise`, allowed unless said.
 */
export function policyByName(
  decide: Record<string, PolicyDecision>,
  otherwise: PolicyDecision = { result: AuthorizeResult.ALLOW },
): PermissionsService {
  return {
    authorize: async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async reqs =>
      reqs.map(r => decide[r.permission.name] ?? otherwise),
  };
}

/** The conditional decision: only the incidents on the critical-care team's systems. */
export const criticalCareIncidents = (): PolicyDecision =>
  createIncidentConditionalDecision(
    incidentReadPermission,
    incidentConditions.hasOwner({ owners: [CRITICAL_CARE_TEAM] }),
  );

/**
 * A caller who may read only the critical-care team's incidents and no obligation;
 * everything else is allowed.
 */
export const criticalCareIncidentsNoObligations = (): PermissionsService =>
  policyByName({
    [obligationReadPermission.name]: { result: AuthorizeResult.DENY },
    [incidentReadPermission.name]: criticalCareIncidents(),
  });
