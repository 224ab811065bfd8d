import type { HospitalSystemType } from './catalog';
import type { CalendarDay } from './calendar';

/**
 * A hospital, as the API shows it: a catalog System whose title is the hospital's name.
 *
 * @public
 */
export type HospitalRef = {
  entityRef: string;
  title: string;
};

/**
 * One hospital system (one installed product at one hospital) as listed by
 * `GET /api/weibao/hospital-systems`.
 *
 * @public
 */
export type HospitalSystem = {
  entityRef: string;
  title: string;
  type: HospitalSystemType;
  /** Missing when the System entity named by spec.system is not in the catalog. */
  hospital?: HospitalRef;
  /** spec.system as written, as a full entity ref. */
  hospitalRef: string;
  owner: string;
  product?: string;
  productVersion?: string;
  manufacturer?: string;
};

/**
 * Response of `GET /api/weibao/hospital-systems`.
 *
 * @public
 */
export type HospitalSystemList = {
  items: HospitalSystem[];
};

/**
 * Response of `GET /api/weibao/calendars/{name}/days`: what each day is on a calendar, and why.
 *
 * @public
 */
export type CalendarDays = {
  name: string;
  version: string;
  timeZone: string;
  days: CalendarDay[];
  /** Years in the range whose official holidays are not published: their days are provisional. */
  provisionalYears: number[];
};
