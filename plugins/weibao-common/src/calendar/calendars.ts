import type {
  CalendarOverride,
  MaintenanceContractSpec,
} from '../contract/types';
import { BusinessCalendar, CalendarDefinition } from './BusinessCalendar';
import { CHINESE_OFFICIAL_DAYS, OfficialDays } from './officialDays';

const ALL_DAY = ['00:00-24:00'];
const OFFICE = ['09:00-18:00'];

/** Wall time, every day, holidays included. @public */
export const CALENDAR_24X7: CalendarDefinition = {
  name: '24x7',
  weekly: {
    mon: ALL_DAY,
    tue: ALL_DAY,
    wed: ALL_DAY,
    thu: ALL_DAY,
    fri: ALL_DAY,
    sat: ALL_DAY,
    sun: ALL_DAY,
  },
  holidays: 'none',
};

/** Monday–Friday 09:00–18:00 on official Chinese working days (holidays off, 调休 days on). @public */
export const CALENDAR_5X8: CalendarDefinition = {
  name: '5x8',
  weekly: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
  holidays: 'cn-official',
};

/** @public */
export type CalendarOptions = {
  /** The official days to use; the chinese-days data by default, plus an operator's additions. */
  official?: OfficialDays;
  /** Days an operator sets for every calendar with Chinese working days (e.g. a regional closure). */
  overrides?: CalendarOverride[];
};

/**
 * The calendar a contract names: built in (`24x7`, `5x8`) or defined in `spec.calendars`.
 * The contract's `calendarOverrides` (days agreed with the hospital) and the operator's apply to
 * calendars with Chinese working days, not to `24x7`-style ones, which run through holidays.
 *
 * @public
 */
export function contractCalendar(
  name: string,
  spec?: Pick<MaintenanceContractSpec, 'calendars' | 'calendarOverrides'>,
  options: CalendarOptions = {},
): BusinessCalendar {
  const definition =
    spec?.calendars?.find(c => c.name === name) ??
    [CALENDAR_24X7, CALENDAR_5X8].find(c => c.name === name);
  if (!definition) {
    throw new Error(`unknown calendar "${name}"`);
  }
  const overrides =
    definition.holidays === 'cn-official'
      ? [...(options.overrides ?? []), ...(spec?.calendarOverrides ?? [])]
      : [];
  return new BusinessCalendar(
    { ...definition, overrides },
    options.official ?? CHINESE_OFFICIAL_DAYS,
  );
}
