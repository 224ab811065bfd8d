import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { checkEntityRef } from '@weibao/plugin-weibao-common';
import express from 'express';

export type Caller = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Who is calling, as credentials and as the actor recorded in histories. */
export function requestContext(
  httpAuth: HttpAuthService,
  userInfo: UserInfoService,
  permissions: PermissionsService,
) {
  const credentialsOf = (req: express.Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const actorOf = async (credentials: Caller) => {
    const principal = credentials.principal;
    if (principal.type === 'user') {
      return (await userInfo.getUserInfo(credentials)).userEntityRef;
    }
    return `plugin:${principal.subject}`;
  };

  /** The caller's decision on a resource permission; DENY is a 403 here. */
  const decide = async (
    permission: ResourcePermission,
    credentials: Caller,
  ): Promise<PolicyDecision> => {
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      {
        credentials,
      },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`${permission.name} denied`);
    }
    return decision;
  };

  /** A read decision as a filter for SQL: undefined when unrestricted. */
  const filterFor = async <T>(
    permission: ResourcePermission,
    credentials: Caller,
    toFilter: ConditionTransformer<T>,
  ): Promise<PermissionCriteria<T> | undefined> => {
    const decision = await decide(permission, credentials);
    return decision.result === AuthorizeResult.CONDITIONAL
      ? toFilter(decision.conditions)
      : undefined;
  };

  /** A basic permission (creating something): anything but ALLOW is a 403. */
  const authorizeBasic = async (
    permission: BasicPermission,
    credentials: Caller,
  ): Promise<void> => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`${permission.name} denied`);
    }
  };

  return { credentialsOf, actorOf, decide, filterFor, authorizeBasic };
}

/**
 * A full entity ref from a request (the kind may be left out): weibao-common's checkEntityRef,
 * a 400 naming the field when it is malformed or of another kind.
 */
export function refOf(
  field: string,
  value: string,
  defaultKind: string,
): string {
  const checked = checkEntityRef(value, defaultKind);
  if (!checked.ok) throw new InputError(`${field}: ${checked.reason}`);
  return checked.ref;
}
