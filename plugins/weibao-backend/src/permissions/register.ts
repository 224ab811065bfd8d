import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { Permission } from '@backstage/plugin-permission-common';
import {
  certificatePermissions,
  weibaoPermissions,
} from '@weibao/plugin-weibao-common';
import type { CertificateStore } from '../database/certificates/CertificateStore';
import type { IncidentStore } from '../database/incidents/IncidentStore';
import type { ObligationStore } from '../database/obligations/ObligationStore';
import type { UpgradeStore } from '../database/upgrades/UpgradeStore';
import {
  certificatePermissionRules,
  certificateResourceRef,
} from './certificateRules';
import {
  drillPermissionRules,
  drillResourceRef,
  incidentPermissionRules,
  incidentResourceRef,
  obligationPermissionRules,
  obligationResourceRef,
  upgradePlanPermissionRules,
  upgradePlanResourceRef,
} from './rules';

/** The stores the permission framework loads resources from, by id. */
export type PermissionResourceStores = {
  incidents: IncidentStore;
  obligations: ObligationStore;
  upgrades: UpgradeStore;
  certificates: CertificateStore;
};

/**
 * Registers every Weibao permission: the basic ones (create, back-fill, accept) as permissions,
 * each resource permission with its resource type, its rules and how to load its resources.
 */
export function registerPermissions(
  registry: PermissionsRegistryService,
  stores: PermissionResourceStores,
): void {
  const all: Permission[] = [...weibaoPermissions, ...certificatePermissions];
  const ofType = (resourceType: string) =>
    all.filter(p => 'resourceType' in p && p.resourceType === resourceType);
  registry.addPermissions(all.filter(p => !('resourceType' in p)));
  registry.addResourceType({
    resourceRef: incidentResourceRef,
    permissions: ofType(incidentResourceRef.resourceType),
    rules: Object.values(incidentPermissionRules),
    getResources: ids =>
      Promise.all(ids.map(async id => (await stores.incidents.get(id))?.state)),
  });
  registry.addResourceType({
    resourceRef: obligationResourceRef,
    permissions: ofType(obligationResourceRef.resourceType),
    rules: Object.values(obligationPermissionRules),
    getResources: ids => Promise.all(ids.map(id => stores.obligations.get(id))),
  });
  registry.addResourceType({
    resourceRef: upgradePlanResourceRef,
    permissions: ofType(upgradePlanResourceRef.resourceType),
    rules: Object.values(upgradePlanPermissionRules),
    getResources: ids =>
      Promise.all(
        ids.map(async id => (await stores.upgrades.getPlan(id))?.state),
      ),
  });
  registry.addResourceType({
    resourceRef: drillResourceRef,
    permissions: ofType(drillResourceRef.resourceType),
    rules: Object.values(drillPermissionRules),
    getResources: ids =>
      Promise.all(ids.map(id => stores.upgrades.getDrill(id))),
  });
  registry.addResourceType({
    resourceRef: certificateResourceRef,
    permissions: ofType(certificateResourceRef.resourceType),
    rules: Object.values(certificatePermissionRules),
    getResources: ids =>
      Promise.all(ids.map(id => stores.certificates.get(id))),
  });
}
