import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildCalendarMonth,
  BusinessCalendar,
  CALENDAR_DUTY_STATES,
  CalendarDutyState,
  CalendarEntry,
  CalendarMonth,
  calendarMonthSpan,
  HOSPITAL_SYSTEM_TYPES,
  UpgradeFreeze,
} from '@weibao/plugin-weibao-common';
import { DateTime } from 'luxon';
import type {
  CertificateFilter,
  CertificateStore,
} from '../../database/certificates/CertificateStore';
import type { ColumnFilter } from '../../database/permissionFilter';
import type { UpgradeStore } from '../../database/upgrades/UpgradeStore';
import type { ObligationService } from '../obligations/ObligationService';

/** What a team's calendar reads: the catalog (names), the stores, the freezes, the calendar. */
export type TeamCalendarSources = {
  catalog: CatalogService;
  obligations: Pick<ObligationService, 'list'>;
  upgrades: Pick<UpgradeStore, 'plansInSpan' | 'drillsInSpan'>;
  certificates: Pick<CertificateStore, 'expiring'>;
  freezes: ReadonlyArray<UpgradeFreeze>;
  /** The 5x8 calendar as the installation sees it: weekends, official holidays, make-up workdays. */
  calendar: BusinessCalendar;
};

/**
 * The caller's read decisions, one per section: undefined when unrestricted, a criteria tree
 * applied in SQL when conditional, null when denied (the section is then left empty).
 */
export type TeamCalendarFilters = {
  obligations: PermissionCriteria<ColumnFilter> | undefined | null;
  plans: PermissionCriteria<ColumnFilter> | undefined | null;
  drills: PermissionCriteria<ColumnFilter> | undefined | null;
  certificates: PermissionCriteria<ColumnFilter> | undefined | null;
};

/**
 * Bounded work per request: at most this many duty occurrences (read by pages of
 * {@link OCCURRENCE_PAGE}), and this many plans, drills and certificate batches. A month of a
 * team's daily duties at dozens of systems stays well under it; beyond, the answer says
 * `truncated`.
 */
export const CALENDAR_LIMITS = {
  occurrences: 5000,
  plans: 500,
  drills: 500,
  certificates: 500,
};
const OCCURRENCE_PAGE = 1000;

const COMPONENT_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.system',
];
const NAME_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
];

const titleOf = (e: Entity) => e.metadata.title ?? e.metadata.name;

/**
 * A month of the owners' calendar: their duties due in the weeks the month's grid shows (grouped
 * per day and duty), the drills performed, the upgrade windows and change freezes, the
 * certificate batches expiring, on the 5x8 calendar's days (weekends, official holidays with
 * their names, make-up workdays). A fixed number of reads whatever the month holds: two from
 * the catalog, one per owner and page of occurrences, one each for plans, drills and batches.
 */
export async function teamCalendar(
  sources: TeamCalendarSources,
  credentials: BackstageCredentials,
  ownerRefs: string[],
  month: string,
  now: number,
  filters: TeamCalendarFilters,
): Promise<CalendarMonth> {
  const { calendar } = sources;
  const span = calendarMonthSpan(month, calendar.timeZone);
  const firstDate = span.dates[0];
  const lastDate = span.dates[span.dates.length - 1];
  let truncated = false;

  const duties = async (): Promise<CalendarEntry[]> => {
    if (filters.obligations === null) return [];
    const entries: CalendarEntry[] = [];
    for (const ownerRef of ownerRefs) {
      let cursor: string | undefined;
      do {
        const left = CALENDAR_LIMITS.occurrences - entries.length;
        if (left <= 0) {
          truncated = true;
          return entries;
        }
        const page = await sources.obligations.list(
          {
            ownerRef,
            // only these: retired occurrences and those before tracking are not on the calendar
            states: [...CALENDAR_DUTY_STATES],
            // due after 00:00 of the first day shown, up to 24:00 of the last (a duty due at
            // 24:00 lies on the day it ends)
            dueFrom: span.from + 1,
            dueTo: span.to + 1,
            permission: filters.obligations,
          },
          { limit: Math.min(OCCURRENCE_PAGE, left), cursor },
        );
        for (const o of page.items) {
          if (!(CALENDAR_DUTY_STATES as readonly string[]).includes(o.state))
            continue;
          entries.push({
            kind: 'duty',
            occurrenceId: o.id,
            obligationId: o.obligationId,
            obligationKind: o.kind,
            frequency: o.frequency,
            followUpKind: o.followUpKind,
            state: o.state as CalendarDutyState,
            dueAt: o.dueAt,
          });
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    return entries;
  };

  const spanQuery = (
    permission: PermissionCriteria<ColumnFilter> | undefined,
  ) => ({
    ownerRefs,
    from: span.from,
    to: span.to,
    permission,
  });
  const none = { items: [], truncated: false };
  const [dutyEntries, plans, drills, batches, { items: components }] =
    await Promise.all([
      duties(),
      filters.plans === null
        ? none
        : sources.upgrades.plansInSpan(
            spanQuery(filters.plans),
            CALENDAR_LIMITS.plans,
          ),
      filters.drills === null
        ? none
        : sources.upgrades.drillsInSpan(
            spanQuery(filters.drills),
            CALENDAR_LIMITS.drills,
          ),
      filters.certificates === null
        ? none
        : sources.certificates.expiring(
            {
              ownerRefs,
              fromDate: firstDate,
              toDate: lastDate,
              permission: filters.certificates as
                | PermissionCriteria<CertificateFilter>
                | undefined,
            },
            CALENDAR_LIMITS.certificates,
          ),
      ownerRefs.length
        ? sources.catalog.getEntities(
            {
              filter: {
                kind: 'component',
                'relations.ownedBy': ownerRefs,
                // Kept last: the in-memory catalog used in tests stops at the first array value.
                'spec.type': [...HOSPITAL_SYSTEM_TYPES],
              },
              fields: COMPONENT_FIELDS,
            },
            { credentials },
          )
        : { items: [] as Entity[] },
    ]);
  truncated ||= plans.truncated || drills.truncated || batches.truncated;

  // names, never refs: the owners' systems, their hospitals, and any other system named
  const names = new Map<string, string>();
  const hospitals = new Set<string>();
  for (const c of components) {
    names.set(stringifyEntityRef(c), titleOf(c));
    if (c.spec?.system) {
      hospitals.add(
        stringifyEntityRef(
          parseEntityRef(String(c.spec.system), {
            defaultKind: 'system',
            defaultNamespace: c.metadata.namespace,
          }),
        ),
      );
    }
  }
  const freezes = sources.freezes.filter(
    f =>
      f.from <= lastDate &&
      f.to >= firstDate &&
      (!f.hospital || hospitals.has(f.hospital)),
  );
  const unnamed = [
    ...new Set([
      ...hospitals,
      ...plans.items.map(p => p.state.systemRef),
      ...drills.items.map(d => d.systemRef),
      ...batches.items.map(b => b.systemRef),
    ]),
  ].filter(ref => !names.has(ref));
  if (unnamed.length) {
    const { items } = await sources.catalog.getEntitiesByRefs(
      { entityRefs: unnamed, fields: NAME_FIELDS },
      { credentials },
    );
    items.forEach((e, i) => e && names.set(unnamed[i], titleOf(e)));
  }
  const nameOf = (ref: string) => names.get(ref) ?? null;
  const iso = (ms: number) => new Date(ms).toISOString();

  const entries: CalendarEntry[] = [
    ...dutyEntries,
    ...plans.items.map(
      ({ state }): CalendarEntry => ({
        kind: 'upgrade-window',
        planId: state.id,
        title: state.title,
        systemRef: state.systemRef,
        systemTitle: nameOf(state.systemRef),
        status: state.status,
        start: iso(state.window.start),
        end: iso(state.window.end),
      }),
    ),
    ...drills.items.map(
      (d): CalendarEntry => ({
        kind: 'drill',
        drillId: d.id,
        scenario: d.scenario,
        systemRef: d.systemRef,
        systemTitle: nameOf(d.systemRef),
        passed: d.passed,
        performedAt: d.performedAt,
      }),
    ),
    ...freezes.map(
      (f): CalendarEntry => ({
        kind: 'freeze',
        reason: f.reason,
        from: f.from,
        to: f.to,
        hospitalRef: f.hospital ?? null,
        hospitalTitle: f.hospital ? nameOf(f.hospital) : null,
      }),
    ),
    ...batches.items.map(
      (b): CalendarEntry => ({
        kind: 'certificate-expiry',
        batchId: b.id,
        systemRef: b.systemRef,
        systemTitle: nameOf(b.systemRef),
        item: b.item,
        medium: b.medium,
        count: b.count,
        expiresOn: b.expiresOn,
      }),
    ),
  ];

  const year = DateTime.fromISO(`${month}-01`).year;
  return {
    month,
    evaluatedAt: iso(now),
    ownerRefs,
    timeZone: calendar.timeZone,
    calendarVersion: calendar.version,
    provisional: !calendar.hasOfficialData(year),
    truncated,
    weeks: buildCalendarMonth({ month, calendar, entries }),
  };
}
