import {
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  incidentReadPermission,
  obligationReadPermission,
  upgradeReadPermission,
} from '@weibao/plugin-weibao-common';
import type { IncidentStore } from '../database/IncidentStore';
import type { ObligationStore } from '../database/obligations/ObligationStore';
import type { ColumnFilter } from '../database/permissionFilter';
import type { UpgradeStore } from '../database/UpgradeStore';
import {
  incidentResourceRef,
  obligationResourceRef,
  upgradePlanResourceRef,
} from '../permissions/rules';
import { contractStanding, STANDING_KINDS } from './contractStanding';
import type { WeibaoApiRouter } from './incidentRouter';
import type { IncidentService } from './IncidentService';
import { Caller, requestContext } from './requestContext';
import { teamOverview } from './teamOverview';

export type PortalRoutesOptions = {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  /** The incident service: its clock is the one every summary is evaluated at. */
  service: Pick<IncidentService, 'now'>;
  store: IncidentStore;
  obligations?: { store: ObligationStore; service: { leadTimeMs: number } };
  upgrades?: { store: UpgradeStore };
};

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

/**
 * `GET /team-overview` and `GET /contract-standing`: the portal's summaries of a team's systems
 * and of a contract. Read permissions apply as in a system's health: one decision round trip
 * for every section, conditional decisions applied in SQL, a DENY on incidents is a 403 and a
 * DENY on another section leaves its figures at zero.
 */
export function portalRoutes(
  options: PortalRoutesOptions,
): (router: WeibaoApiRouter) => void {
  const { catalog, service, store, userInfo, permissions } = options;
  const ctx = requestContext(options.httpAuth, userInfo, permissions);
  const transformers = {
    incidents: createConditionTransformer(
      options.permissionsRegistry.getPermissionRuleset(incidentResourceRef),
    ),
    obligations: createConditionTransformer(
      options.permissionsRegistry.getPermissionRuleset(obligationResourceRef),
    ),
    plans: createConditionTransformer(
      options.permissionsRegistry.getPermissionRuleset(upgradePlanResourceRef),
    ),
  };
  const obligations = options.obligations && {
    store: options.obligations.store,
    leadTimeMs: options.obligations.service.leadTimeMs,
  };

  /** The read filters of every section, from one authorizeConditional call. */
  async function readFilters(credentials: Caller) {
    const [incidentD, obligationD, planD] =
      await permissions.authorizeConditional(
        [
          incidentReadPermission,
          obligationReadPermission,
          upgradeReadPermission,
        ].map(permission => ({ permission })),
        { credentials },
      );
    if (incidentD.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`${incidentReadPermission.name} denied`);
    }
    const filterOf = (
      decision: PolicyDecision,
      transform: (typeof transformers)[keyof typeof transformers],
    ): PermissionCriteria<ColumnFilter> | undefined | null => {
      if (decision.result === AuthorizeResult.DENY) return null;
      return decision.result === AuthorizeResult.CONDITIONAL
        ? transform(decision.conditions)
        : undefined;
    };
    return {
      incidents: filterOf(incidentD, transformers.incidents) ?? undefined,
      obligations: filterOf(obligationD, transformers.obligations),
      plans: filterOf(planD, transformers.plans),
    };
  }

  /** The owners asked for, or the caller's own ownership refs. */
  async function ownersOf(
    credentials: Caller,
    asked: string[] | string | undefined,
  ): Promise<string[]> {
    const given = [asked ?? []].flat();
    if (given.length) {
      return [
        ...new Set(
          given.map(v =>
            stringifyEntityRef(strictEntityRef('ownerRef', v, 'group')),
          ),
        ),
      ];
    }
    if (credentials.principal.type !== 'user') {
      throw new InputError(
        'ownerRef: required when a service calls, as a service owns nothing',
      );
    }
    const info = await userInfo.getUserInfo(credentials);
    return [...new Set(info.ownershipEntityRefs)];
  }

  return router => {
    router.get('/team-overview', async (req, res) => {
      const credentials = await ctx.credentialsOf(req);
      const ownerRefs = await ownersOf(credentials, req.query.ownerRef);
      const filters = await readFilters(credentials);
      res.json(
        await teamOverview(
          {
            catalog,
            incidents: store,
            obligations,
            upgrades: options.upgrades?.store,
          },
          credentials,
          ownerRefs,
          service.now(),
          filters,
        ),
      );
    });

    router.get('/contract-standing', async (req, res) => {
      const credentials = await ctx.credentialsOf(req);
      const entityRef = strictEntityRef('entityRef', req.query.entityRef);
      const kind = entityRef.kind.toLocaleLowerCase('en-US');
      if (!STANDING_KINDS.includes(kind)) {
        throw new InputError(
          `entityRef: ${stringifyEntityRef(
            entityRef,
          )} is a ${kind}; give a MaintenanceContract or a Component`,
        );
      }
      const filters = await readFilters(credentials);
      res.json(
        await contractStanding(
          { catalog, incidents: store, obligations },
          credentials,
          entityRef,
          service.now(),
          filters,
        ),
      );
    });
  };
}
