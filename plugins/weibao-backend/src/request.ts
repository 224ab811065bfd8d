/*
 * What a request carries, checked in one place for every route and service: the caller and the
 * actor recorded in histories, permission decisions, entity refs, instants, and the domain's
 * rule errors as HTTP errors.
 */
import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  makeValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  CALENDAR_YEARS,
  calendarServes,
  checkEntityRef,
  claimedTimeProblem,
  RecordTimeRules,
  RuleError,
} from '@weibao/plugin-weibao-common';

export type Caller = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Who is calling, as credentials and as the actor recorded in histories. */
export function requestContext({
  httpAuth,
  userInfo,
  permissions,
}: {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
}) {
  const credentialsOf = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const actorOf = async (credentials: Caller) => {
    const principal = credentials.principal;
    if (principal.type === 'user') {
      return (await userInfo.getUserInfo(credentials)).userEntityRef;
    }
    // plugin:<id> for a backend plugin, external:<prefix>:<sub> for a JWKS token; a static
    // external access token's subject comes as configured: external:<subject> (a backup job)
    return /^(plugin|external):/.test(principal.subject)
      ? principal.subject
      : `external:${principal.subject}`;
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

/** How far in the future a reported instant may lie (clock skew between machines). */
const FUTURE_SLACK_MS = 60_000;

/** Maps the reducer's refusals to HTTP errors: bad input 400, a state that forbids it 409. */
export function ruleErrorToHttp(error: unknown): never {
  if (error instanceof RuleError) {
    if (error.kind === 'input') throw new InputError(error.message);
    throw new ConflictError(error.message);
  }
  throw error;
}

/**
 * Parses an RFC 3339 instant from a request, to the minute. Every instant must lie in the years
 * the calendars serve (checked here, before any calendar arithmetic: year 0001 or 9999 is a 400
 * naming the field, never seconds of CPU); with a finite `now`, it may not lie in the future.
 */
export function parseInstant(
  field: string,
  value: string,
  now: number,
): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new InputError(`${field}: "${value}" is not an RFC 3339 instant`);
  }
  if (!calendarServes(ms)) {
    throw new InputError(
      `${field}: ${value} is outside the years Weibao records (${CALENDAR_YEARS.first} to ${CALENDAR_YEARS.last})`,
    );
  }
  if (ms > now + FUTURE_SLACK_MS) {
    throw new InputError(`${field}: ${value} is in the future`);
  }
  return Math.floor(ms / 60_000) * 60_000;
}

/**
 * Parses the time a report or an action claims: an instant in the years served, not in the
 * future beyond the clock skew, and not further back than the configured bound unless an
 * administrator back-fills it (weibao-common's claimedTimeProblem).
 */
export function parseClaimedInstant(
  field: string,
  value: string,
  now: number,
  rules: RecordTimeRules,
  options: { backfill?: boolean } = {},
): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new InputError(`${field}: "${value}" is not an RFC 3339 instant`);
  }
  const problem = claimedTimeProblem(ms, now, rules, options);
  if (problem) throw new InputError(`${field}: ${problem}`);
  return Math.floor(ms / 60_000) * 60_000;
}

const validator = makeValidator();

/**
 * An entity ref from a query parameter, checked part by part: kind, namespace and name must be
 * what the catalog accepts.
 */
export function strictEntityRef(
  field: string,
  value: string,
  defaultKind?: string,
): CompoundEntityRef {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value, defaultKind ? { defaultKind } : undefined);
  } catch (e) {
    throw new InputError(
      `${field}: "${value}" is not an entity reference (${
        (e as Error).message
      })`,
    );
  }
  const problems: Array<[boolean, string]> = [
    [validator.isValidKind(ref.kind), `kind "${ref.kind}"`],
    [
      validator.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US')),
      `namespace "${ref.namespace}"`,
    ],
    [validator.isValidEntityName(ref.name), `name "${ref.name}"`],
  ];
  const problem = problems.find(([valid]) => !valid)?.[1];
  if (problem) {
    throw new InputError(
      `${field}: "${value}" is not an entity reference (${problem} is not valid)`,
    );
  }
  return ref;
}

type AuditMeta = Parameters<AuditorService['createEvent']>[0]['meta'];

/**
 * Runs a change inside an auditor event (medium severity): the event succeeds with the meta
 * the change returns, or fails with its error, which is thrown on.
 */
export async function withAuditEvent(
  auditor: AuditorService,
  req: Parameters<AuditorService['createEvent']>[0]['request'],
  event: { eventId: string; meta: Record<string, unknown> },
  change: () => Promise<Record<string, unknown>>,
): Promise<void> {
  const audit = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: 'medium',
    request: req,
    meta: event.meta as AuditMeta,
  });
  try {
    await audit.success({ meta: (await change()) as AuditMeta });
  } catch (error) {
    await audit.fail({ error: error as Error });
    throw error;
  }
}
