import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { WeibaoContext } from '../context';
import { Caller, requestContext, strictEntityRef } from '../request';
import type { WeibaoApiRouter } from '../router';
import { teamOverview } from '../services/teams/teamOverview';
import { readFilters } from './readFilters';

/**
 * `GET /team-overview`: the hospital systems of the teams asked for (by default the caller's
 * own), each with the figures of its health, at risk first. Read permissions apply as in a
 * system's health: one decision round trip, conditional decisions applied in SQL, a DENY on
 * incidents is a 403 and a DENY on another section leaves its figures at zero.
 */
export function teamRoutes(router: WeibaoApiRouter, ctx: WeibaoContext) {
  const { credentialsOf } = requestContext(ctx);
  const filtersOf = readFilters(ctx);

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
    const info = await ctx.userInfo.getUserInfo(credentials);
    return [...new Set(info.ownershipEntityRefs)];
  }

  router.get('/team-overview', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ownerRefs = await ownersOf(credentials, req.query.ownerRef);
    const filters = await filtersOf(credentials, [
      'incidents',
      'obligations',
      'plans',
    ]);
    res.json(
      await teamOverview(
        {
          catalog: ctx.catalog,
          incidents: ctx.incidents.store,
          obligations: {
            store: ctx.obligations.store,
            leadTimeMs: ctx.obligations.service.leadTimeMs,
          },
          upgrades: ctx.upgrades.store,
          acceptances: ctx.acceptances,
        },
        credentials,
        ownerRefs,
        ctx.now(),
        filters,
      ),
    );
  });
}
