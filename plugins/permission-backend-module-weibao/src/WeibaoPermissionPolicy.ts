import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createIncidentConditionalDecision,
  createObligationConditionalDecision,
  incidentConditions,
  obligationConditions,
  createUpgradePlanConditionalDecision,
  upgradePlanConditions,
  createCertificateConditionalDecision,
  certificateConditions,
} from '@weibao/plugin-weibao-backend';
import {
  contractAcceptPermission,
  incidentCreatePermission,
  incidentUpdatePermission,
  obligationRunRecordPermission,
  obligationUpdatePermission,
  upgradeCreatePermission,
  upgradeUpdatePermission,
  drillCreatePermission,
  certificateUpdatePermission,
} from '@weibao/plugin-weibao-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * Weibao's permission policy.
 *
 * - Reading is open to every signed-in user: engineers look across teams when they stand in
 *   for each other, and hospital IT staff look up the records the contract lets them see.
 * - Anyone may ask the catalog to refresh an entity.
 * - Only the owners of an entity may unregister it.
 * - Any signed-in user may report an incident; only the team owning the hospital system (its
 *   `spec.owner`) may change one (`weibao.incident.update`, conditional on HAS_OWNER).
 * - Only the team owning a contract completes or waives its obligations
 *   (`weibao.obligation.update`, conditional on HAS_OWNER).
 * - Any signed-in user may draw up an upgrade plan or record a drill; only the owning team
 *   moves a plan through its gates (`weibao.upgrade.update`) or changes a certificate register
 *   (`weibao.certificate.update`), both conditional on HAS_OWNER.
 * - Only the owners of a contract record its final acceptance (`weibao.contract.accept`, on the
 *   contract's catalog entity, conditional on IS_ENTITY_OWNER); a back-fill of an old incident
 *   report (`weibao.incident.backfill`) is for administrators only.
 * - Machines record duties (`weibao.obligation.run.record`: a backup job's run, a scanner's
 *   report): allowed to a caller that is no user (a service; an external access token scoped to
 *   that permission is decided by Backstage's permissions service from its access restrictions
 *   and never reaches this policy), denied to users who are not administrators.
 * - Administrators (`weibao.permission.admins`) may do everything.
 * - Anything else that changes data is denied.
 *
 * Later capabilities (upgrades, obligations) add their rules here.
 *
 * @public
 */
export class WeibaoPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): WeibaoPermissionPolicy {
    const admins = (
      config.getOptionalStringArray('weibao.permission.admins') ?? []
    ).map((ref, i) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(ref, { defaultKind: 'group' }),
        );
      } catch (e) {
        throw new Error(
          `weibao.permission.admins[${i}]: "${ref}" is not an entity reference: ${
            (e as Error).message
          }`,
        );
      }
    });
    return new WeibaoPermissionPolicy(new Set(admins));
  }

  constructor(private readonly admins: ReadonlySet<string>) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const ownership = user?.info.ownershipEntityRefs ?? [];

    if (ownership.some(ref => this.admins.has(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      permission.attributes.action === 'read' ||
      permission.attributes.action === undefined
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, catalogEntityRefreshPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, obligationRunRecordPermission)) {
      return { result: user ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, incidentCreatePermission)) {
      return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (isPermission(permission, incidentUpdatePermission)) {
      return createIncidentConditionalDecision(
        permission,
        incidentConditions.hasOwner({ owners: ownership }),
      );
    }
    if (isPermission(permission, obligationUpdatePermission)) {
      return createObligationConditionalDecision(
        permission,
        obligationConditions.hasOwner({ owners: ownership }),
      );
    }
    if (isPermission(permission, upgradeUpdatePermission)) {
      return createUpgradePlanConditionalDecision(
        permission,
        upgradePlanConditions.hasOwner({ owners: ownership }),
      );
    }
    if (isPermission(permission, certificateUpdatePermission)) {
      return createCertificateConditionalDecision(
        permission,
        certificateConditions.hasOwner({ owners: ownership }),
      );
    }
    if (
      isPermission(permission, upgradeCreatePermission) ||
      isPermission(permission, drillCreatePermission)
    ) {
      return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (
      isPermission(permission, catalogEntityDeletePermission) ||
      isPermission(permission, contractAcceptPermission)
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: ownership }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
