import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  certificateReadPermission,
  drillReadPermission,
  incidentReadPermission,
  obligationReadPermission,
  upgradeReadPermission,
} from '@weibao/plugin-weibao-common';
import type { WeibaoContext } from '../context';
import type { SectionFilter } from '../database/health/HealthStore';
import type { ColumnFilter } from '../database/permissionFilter';
import { certificateResourceRef } from '../permissions/certificateRules';
import {
  drillResourceRef,
  incidentResourceRef,
  obligationResourceRef,
  upgradePlanResourceRef,
} from '../permissions/rules';
import type { Caller } from '../request';

/** The sections a summary reads, each with its read permission. */
const SECTIONS = {
  incidents: incidentReadPermission,
  obligations: obligationReadPermission,
  plans: upgradeReadPermission,
  drills: drillReadPermission,
  certificates: certificateReadPermission,
} satisfies Record<string, ResourcePermission>;

type Section = keyof typeof SECTIONS;

/** Each section's read filter; incidents are always read (a DENY on them is a 403). */
export type ReadFilters<S extends Section> = {
  [K in S]: K extends 'incidents'
    ? PermissionCriteria<ColumnFilter> | undefined
    : SectionFilter;
};

/**
 * The read filters of the sections of a summary (system health, team overview, contract
 * standing), from ONE permission round trip: undefined when the caller may read everything, a
 * criteria tree applied in SQL when the decision is conditional, null when denied. A DENY on
 * incidents is a 403: every summary is about incidents first.
 */
export function readFilters(ctx: WeibaoContext) {
  type Transform = (criteria: unknown) => PermissionCriteria<ColumnFilter>;
  const transformer = (
    ref: Parameters<typeof ctx.permissionsRegistry.getPermissionRuleset>[0],
  ) =>
    createConditionTransformer(
      ctx.permissionsRegistry.getPermissionRuleset(ref),
    ) as Transform;
  const transform: Record<Section, Transform> = {
    incidents: transformer(incidentResourceRef),
    obligations: transformer(obligationResourceRef),
    plans: transformer(upgradePlanResourceRef),
    drills: transformer(drillResourceRef),
    certificates: transformer(certificateResourceRef),
  };

  return async <S extends Section>(
    credentials: Caller,
    sections: readonly S[],
  ): Promise<ReadFilters<S>> => {
    const decisions = await ctx.permissions.authorizeConditional(
      sections.map(section => ({ permission: SECTIONS[section] })),
      { credentials },
    );
    const filters: Partial<Record<Section, SectionFilter>> = {};
    sections.forEach((section, i) => {
      const decision = decisions[i];
      if (decision.result === AuthorizeResult.DENY) {
        if (section === 'incidents') {
          throw new NotAllowedError(`${incidentReadPermission.name} denied`);
        }
        filters[section] = null;
      } else {
        filters[section] =
          decision.result === AuthorizeResult.CONDITIONAL
            ? transform[section](decision.conditions)
            : undefined;
      }
    });
    return filters as ReadFilters<S>;
  };
}
