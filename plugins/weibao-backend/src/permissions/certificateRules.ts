import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  CERTIFICATE_RESOURCE_TYPE,
  CertificateBatch,
} from '@weibao/plugin-weibao-common';
import { z } from 'zod';
import type { CertificateFilter } from '../database/certificates/CertificateStore';

/**
 * What certificate decisions are made on: a batch, or, for an import, the CA system it goes into
 * (its ref and its owner).
 *
 * @public
 */
export type CertificateResource = Pick<
  CertificateBatch,
  'systemRef' | 'ownerRef'
>;

/** Certificate batches in the permission framework: resources are batches, queries column filters. */
export const certificateResourceRef = createPermissionResourceRef<
  CertificateResource,
  CertificateFilter
>().with({ pluginId: 'weibao', resourceType: CERTIFICATE_RESOURCE_TYPE });

const refs = (description: string) => z.array(z.string()).describe(description);

const hasOwner = createPermissionRule({
  name: 'HAS_OWNER',
  description:
    'Certificate batches of CA systems owned by one of the given entities (typically the user’s groups)',
  resourceRef: certificateResourceRef,
  paramsSchema: z.object({
    owners: refs(
      'Owner entity references, e.g. group:default/his-aftersales-guangxi',
    ),
  }),
  apply: (batch, { owners }) => owners.includes(batch.ownerRef),
  toQuery: ({ owners }) => ({ property: 'owner_ref', values: owners }),
});

const isOnSystem = createPermissionRule({
  name: 'IS_ON_SYSTEM',
  description:
    'Certificate batches of one of the given CA systems (Component entities)',
  resourceRef: certificateResourceRef,
  paramsSchema: z.object({
    systems: refs(
      'Component entity references, e.g. component:default/ca-chongzuo',
    ),
  }),
  apply: (batch, { systems }) => systems.includes(batch.systemRef),
  toQuery: ({ systems }) => ({ property: 'system_ref', values: systems }),
});

/** The rules a permission policy can make certificate decisions conditional on. */
export const certificatePermissionRules = { hasOwner, isOnSystem };

const exported = createConditionExports({
  resourceRef: certificateResourceRef,
  rules: certificatePermissionRules,
});

/**
 * Conditions for certificate permissions, for use in a permission policy.
 *
 * @public
 */
export const certificateConditions = exported.conditions;

/**
 * Builds a conditional decision for a certificate permission.
 *
 * @public
 */
export const createCertificateConditionalDecision =
  exported.createConditionalDecision;
