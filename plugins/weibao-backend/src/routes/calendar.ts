import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  calendarMonthOf,
  contractCalendar,
  parseCalendarMonth,
} from '@weibao/plugin-weibao-common';
import type { WeibaoContext } from '../context';
import { Caller, requestContext, strictEntityRef } from '../request';
import type { WeibaoApiRouter } from '../router';
import { teamCalendar } from '../services/calendar/teamCalendar';
import { readFilters } from './readFilters';

/**
 * `GET /calendar?month=YYYY-MM&ownerRef=…`: a month of the teams' calendar (by default the
 * caller's own teams, as in the team view; the current month in the calendar's time zone by
 * default) in one call: the 5x8 calendar's days (weekends, official holidays, make-up workdays)
 * and the duties, drills, upgrade windows, freezes and certificate expiries of those weeks. Read
 * permissions as in the team view: one decision round trip, conditional decisions applied in
 * SQL, a section the caller may not read left empty.
 */
export function calendarMonthRoutes(
  router: WeibaoApiRouter,
  ctx: WeibaoContext,
) {
  const { credentialsOf } = requestContext(ctx);
  const filtersOf = readFilters(ctx);
  const calendar = contractCalendar('5x8', undefined, ctx.config.calendar);

  /** The owners asked for, or the caller's own ownership refs (as `GET /team-overview`). */
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

  router.get('/calendar', async (req, res) => {
    const now = ctx.now();
    const asked = req.query.month;
    const parsed =
      asked === undefined
        ? { ok: true as const, month: calendarMonthOf(now, calendar.timeZone) }
        : parseCalendarMonth(asked);
    if (!parsed.ok) throw new InputError(`month: ${parsed.reason}`);
    const credentials = await credentialsOf(req);
    const ownerRefs = await ownersOf(credentials, req.query.ownerRef);
    const filters = await filtersOf(credentials, [
      'obligations',
      'plans',
      'drills',
      'certificates',
    ]);
    res.json(
      await teamCalendar(
        {
          catalog: ctx.catalog,
          obligations: ctx.obligations.service,
          upgrades: ctx.upgrades.store,
          certificates: ctx.certificates.store,
          freezes: ctx.config.upgrades.freezes,
          calendar,
        },
        credentials,
        ownerRefs,
        parsed.month,
        now,
        filters,
      ),
    );
  });
}
