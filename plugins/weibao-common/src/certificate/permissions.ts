import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of certificate batches in the permission framework: decisions may be
 * conditional on it (for example "only the CA systems my groups own").
 *
 * @public
 */
export const CERTIFICATE_RESOURCE_TYPE = 'weibao-certificate-batch';

/** Read a CA system's certificate register and its totals. @public */
export const certificateReadPermission = createPermission({
  name: 'weibao.certificate.read',
  attributes: { action: 'read' },
  resourceType: CERTIFICATE_RESOURCE_TYPE,
});

/** Import certificate batches into a register, and retire them. @public */
export const certificateUpdatePermission = createPermission({
  name: 'weibao.certificate.update',
  attributes: { action: 'update' },
  resourceType: CERTIFICATE_RESOURCE_TYPE,
});

/** The certificate permissions, to register with their resource type. @public */
export const certificatePermissions = [
  certificateReadPermission,
  certificateUpdatePermission,
];
