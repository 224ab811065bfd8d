import { InputError, NotFoundError } from '@backstage/errors';
import {
  BUILT_IN_CALENDARS,
  CalendarDays,
  contractCalendar,
} from '@weibao/plugin-weibao-common';
import { DateTime } from 'luxon';
import type { WeibaoContext } from '../context';
import type { WeibaoApiRouter } from '../router';

const MAX_DAYS = 366;

function parseDate(field: string, value: unknown): DateTime {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? DateTime.fromISO(value, { zone: 'UTC' })
      : undefined;
  if (!date?.isValid) {
    throw new InputError(
      `${field}: must be a date written YYYY-MM-DD, got ${JSON.stringify(
        value ?? null,
      )}`,
    );
  }
  return date;
}

/**
 * `GET /calendars/{name}/days?from=YYYY-MM-DD&to=YYYY-MM-DD`: the built-in calendars as this
 * installation sees them (official days plus the operator's additions and overrides), day by day,
 * with the reason for each day.
 */
export function calendarRoutes(router: WeibaoApiRouter, ctx: WeibaoContext) {
  router.get('/calendars/:name/days', async (req, res) => {
    const { name } = req.params;
    if (!(BUILT_IN_CALENDARS as readonly string[]).includes(name)) {
      throw new NotFoundError(
        `calendar "${name}" is not built in (${BUILT_IN_CALENDARS.join(
          ', ',
        )}); contract calendars are read through their contract`,
      );
    }
    const from = parseDate('from', req.query.from);
    const to = parseDate('to', req.query.to);
    const count = to.diff(from, 'days').days + 1;
    if (count < 1)
      throw new InputError(`to: must not be before from (${from.toISODate()})`);
    if (count > MAX_DAYS)
      throw new InputError(`to: at most ${MAX_DAYS} days can be asked at once`);
    const calendar = contractCalendar(name, undefined, ctx.config.calendar);
    const days = Array.from({ length: count }, (_, i) =>
      calendar.day(from.plus({ days: i }).toISODate()!),
    );
    const years = [...new Set(days.map(d => Number(d.date.slice(0, 4))))];
    const body: CalendarDays = {
      name,
      version: calendar.version,
      timeZone: calendar.timeZone,
      days,
      provisionalYears: years.filter(y => !calendar.hasOfficialData(y)),
    };
    res.json(body);
  });
}
