import { createHash } from 'node:crypto';
import { OPEN_INCIDENT_STATUSES } from '@weibao/plugin-weibao-common';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { IN_FLIGHT } from '../upgrades/DatabaseUpgradeStore';
import type { HealthStore, SystemHealthRead } from './HealthStore';
import { ColumnFilter, permissionSql } from '../permissionFilter';
import {
  healthFromSections,
  NAMED_DUTIES,
  parsed,
  type Sections,
} from './healthSections';
import { joined, literals, Param, raw, Sql, sql } from './sqlText';

/*
 * The health summary of one system in ONE statement on every engine. Each section (incidents
 * with their clocks, obligation counts, the next obligations, unfinished upgrade plans, the
 * last drill, the certificate register) is a subquery whose rows come back as a JSON array;
 * the statement returns one row with one JSON object of them all.
 *
 * The text is written here rather than built with knex's query builder: it is the same for
 * every request with the same shape of permission filters (only the system, the instant and the
 * filter values are parameters; fixed values such as statuses and limits are literals), so
 * PostgreSQL runs it as a named prepared statement (knex's `raw(…).options({ name })`, passed
 * on to the driver), parsed and planned once per connection instead of per request. It runs
 * through knex's runner, so knex's query events see it.
 */

/** What a request binds to the statement's placeholders. */
type Binding = {
  systemRef: string;
  at: Date;
  soon: Date;
  /** Each section's permission filter values, in the order of their placeholders. */
  filterValues: Partial<Record<SectionName, unknown[]>>;
};

const SYSTEM = new Param((b: Binding) => [b.systemRef]);
const AT = new Param((b: Binding) => [b.at]);
const SOON = new Param((b: Binding) => [b.soon]);

const INCIDENT_STATUSES = literals([...OPEN_INCIDENT_STATUSES, 'resolved']);
const PLAN_STATUSES = literals(IN_FLIGHT);

const columns = (names: string) => names.trim().split(/\s+/);

/** An occurrence as stored, for the obligation service's view of it. */
const OCCURRENCE_COLUMNS =
  columns(`id version contract_ref owner_ref hospital_ref
  plan due_at done_at waived_at retired_at record updated_at system_ref before_tracking`);

const NAMED_DUTY_KINDS = literals(NAMED_DUTIES);

/** The columns of each section's rows, as the subquery names them. */
const COLUMNS = {
  incidents: columns('id title level level_name status clocks'),
  incidentRows: columns(`id title level level_name status milestone clock_status
    due_at at_risk_at breached_at`),
  obligations: [
    ...OCCURRENCE_COLUMNS,
    ...columns('kind parent_key nth overdue due_soon overdue_drills'),
  ],
  plans: columns('id window_start state updated_at'),
  drills:
    columns(`id version system_ref hospital_ref owner_ref contract_ref scenario
    upgrade_plan_id occurrence_id performed_at recovery_minutes target_minutes passed
    record recorded_by`),
  certificates: columns(
    'id item medium holder_department count expires_on retired_at',
  ),
};

type SectionName = keyof typeof COLUMNS;

/** Columns holding JSON (SQLite keeps them as text: read back as JSON, not as a string). */
const JSON_COLUMNS: string[] = ['clocks'];

/** The columns of weibao_incident_health a read condition may restrict by. */
const HEALTH_ROW_COLUMNS = ['system_ref', 'hospital_ref', 'owner_ref'];

/** Whether every condition of the criteria is on a column of the health rows. */
function onHealthRows(criteria: PermissionCriteria<ColumnFilter>): boolean {
  if ('allOf' in criteria) return criteria.allOf.every(onHealthRows);
  if ('anyOf' in criteria) return criteria.anyOf.every(onHealthRows);
  if ('not' in criteria) return onHealthRows(criteria.not);
  return HEALTH_ROW_COLUMNS.includes(criteria.property);
}

const OCCURRENCE_SELECT = raw(OCCURRENCE_COLUMNS.map(c => `o.${c}`).join(', '));

const columnsOf = (alias: string, section: SectionName) =>
  raw(COLUMNS[section].map(c => `${alias}.${c}`).join(', '));

type ReadOptions = Parameters<HealthStore['systemHealth']>[2];

/** The sections whose rows a caller may be restricted to, and their tables' aliases. */
const FILTERED = {
  incidents: 'i',
  obligations: 'o',
  plans: 'p',
  drills: 'd',
  certificates: 'b',
} as const;

type FilteredSection = keyof typeof FILTERED;

/**
 * A section's permission filter as SQL: its text (part of the shape) and its values; for
 * incidents, whether it applies to their health rows (alias `h`) rather than to the incidents.
 */
type FilterSql = {
  text: string;
  values: unknown[];
  onHealthRows: boolean;
} | null;

/** The statement for one shape of request, built once. */
type Prepared = {
  /** With `?` placeholders, for knex. */
  text: string;
  /** The prepared statement's name on PostgreSQL. */
  name: string;
  params: Param[];
};

/** Knex implementation of {@link HealthStore}: one statement, on SQLite or PostgreSQL. */
export class DatabaseHealthStore implements HealthStore {
  private readonly pg: boolean;
  /** Statements by shape: which sections, the text of their filters, how many obligations. */
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly db: Knex) {
    this.pg = db.client.config.client === 'pg';
  }

  async systemHealth(
    systemRef: string,
    now: number,
    options: ReadOptions,
  ): Promise<SystemHealthRead> {
    const filters: Partial<Record<FilteredSection, FilterSql>> = {};
    const filterValues: Binding['filterValues'] = {};
    let shape = `${Math.trunc(options.obligationsShown)}`;
    for (const section of Object.keys(FILTERED) as FilteredSection[]) {
      const filter = options.filters[section];
      let filterSql: FilterSql = null;
      if (filter !== null) {
        const healthRows =
          section === 'incidents' && (!filter || onHealthRows(filter));
        const alias = healthRows ? 'h' : FILTERED[section];
        const values: unknown[] = [];
        const text = filter
          ? `and ${permissionSql(filter, alias, values)}`
          : '';
        filterSql = { text, values, onHealthRows: healthRows };
        filterValues[section] = values;
      }
      filters[section] = filterSql;
      shape += filterSql
        ? `|${filterSql.onHealthRows ? 'h' : 'i'}${filterSql.text}`
        : '|-';
    }
    let prepared = this.prepared.get(shape);
    if (!prepared) {
      prepared = this.prepare(filters, options.obligationsShown);
      // a handful of shapes in practice: the bound only guards memory
      if (this.prepared.size >= 1000) this.prepared.clear();
      this.prepared.set(shape, prepared);
    }
    const binding: Binding = {
      systemRef,
      at: new Date(now),
      soon: new Date(now + options.leadTimeMs),
      filterValues,
    };
    const values = prepared.params.flatMap(p => p.of(binding));
    const statement = this.db.raw<unknown>(
      prepared.text,
      values as Knex.RawBinding[],
    );
    // PostgreSQL's driver takes the name and keeps the statement prepared on its connection
    if (this.pg) statement.options({ name: prepared.name });
    const result = await statement;
    // PostgreSQL answers with the driver's result, SQLite with the rows
    const [row] = (
      this.pg ? (result as { rows: unknown[] }).rows : result
    ) as Array<{ health: Sections | string }>;
    return healthFromSections(systemRef, now, parsed(row.health), options);
  }

  /** Each section's rows (a subquery aliased `x`) as a JSON array, null without rows. */
  private section(name: SectionName, rows: Sql): Sql {
    if (this.pg) {
      return sql`'${raw(name)}', (select json_agg(x) from (${rows}) x)`;
    }
    const pairs = COLUMNS[name]
      .map(
        c => `'${c}', ${JSON_COLUMNS.includes(c) ? `json(x.${c})` : `x.${c}`}`,
      )
      .join(', ');
    return sql`'${raw(name)}', json((select
      json_group_array(json_object(${raw(pairs)})) from (${rows}) x))`;
  }

  /** The statement of one shape; a null filter leaves its section out. */
  private prepare(
    filters: Partial<Record<FilteredSection, FilterSql>>,
    obligationsShown: number,
  ): Prepared {
    const allowed = (section: FilteredSection) =>
      new Sql(filters[section]!.text, [
        new Param((b: Binding) => b.filterValues[section]!),
      ]);
    const nextShown = raw(String(Math.trunc(obligationsShown)));

    // incidents open or awaiting confirmation with their counting clocks: from their health
    // rows, unless a read condition is on a column those rows do not have
    const sections = [
      filters.incidents!.onHealthRows
        ? this.section(
            'incidents',
            sql`select h.incident_id as id, h.title, h.level, h.level_name,
                h.status, h.clocks
              from weibao_incident_health h
              where h.system_ref = ${SYSTEM} ${allowed('incidents')}`,
          )
        : this.section(
            'incidentRows',
            sql`select i.id, i.title, i.level, n.level_name, i.status,
                c.milestone, c.status as clock_status, c.due_at, c.at_risk_at,
                c.breached_at
              from weibao_incidents i left join weibao_incident_clocks c
                on c.incident_id = i.id and c.counting = true
                and i.status <> 'resolved'
              left join weibao_incident_health n on n.incident_id = i.id
              where i.system_ref = ${SYSTEM} and i.status in ${INCIDENT_STATUSES}
                ${allowed('incidents')}`,
          ),
    ];

    if (filters.obligations) {
      // the counts over the system's own open, tracked duties (a contract-wide duty counts on
      // the contract), then the next few open ones concerning it (upcoming ones
      // first, soonest due first: overdue ones fill up the rest and are left out when read)
      // and the soonest open inspection and drill, overdue or not
      sections.push(
        this.section(
          'obligations',
          sql`select y.* from (select ${OCCURRENCE_SELECT}, o.kind, o.parent_key,
              row_number() over (order by case when o.due_at < ${AT} then 1 else 0 end,
                o.due_at, o.id) as nth,
              row_number() over (partition by o.kind,
                case when o.parent_key is null then 0 else 1 end
                order by o.due_at, o.id) as nth_of_kind,
              sum(case when o.due_at < ${AT} and o.system_ref is not null
                then 1 else 0 end) over () as overdue,
              sum(case when o.due_at >= ${AT} and o.due_at <= ${SOON}
                and o.system_ref is not null then 1 else 0 end) over () as due_soon,
              sum(case when o.due_at < ${AT} and o.kind = 'drill'
                then 1 else 0 end) over () as overdue_drills
            from weibao_obligation_occurrence_systems s
              join weibao_obligation_occurrences o on o.id = s.occurrence_id
            where s.system_ref = ${SYSTEM} and o.done_at is null
              and o.waived_at is null and o.retired_at is null
              and o.before_tracking = 0
              ${allowed('obligations')}) y
            where y.nth <= ${nextShown} or (y.nth_of_kind = 1
              and y.parent_key is null and y.kind in ${NAMED_DUTY_KINDS})`,
        ),
      );
    }

    if (filters.plans) {
      // every unfinished plan (a system has a few at most): how many, and the soonest window
      sections.push(
        this.section(
          'plans',
          sql`select p.id, p.window_start, p.state, p.updated_at
            from weibao_upgrade_plans p
            where p.system_ref = ${SYSTEM} and p.status in ${PLAN_STATUSES}
              ${allowed('plans')}`,
        ),
      );
    }

    if (filters.drills) {
      sections.push(
        this.section(
          'drills',
          sql`select ${columnsOf('d', 'drills')} from weibao_drills d
            where d.system_ref = ${SYSTEM} ${allowed('drills')}
            order by d.performed_at desc, d.id limit 1`,
        ),
      );
    }

    if (filters.certificates) {
      sections.push(
        this.section(
          'certificates',
          sql`select ${columnsOf('b', 'certificates')}
            from weibao_certificate_batches b
            where b.system_ref = ${SYSTEM} ${allowed('certificates')}`,
        ),
      );
    }

    const object = raw(this.pg ? 'json_build_object' : 'json_object');
    const { text, params } = sql`select ${object}(${joined(
      sections,
      ', ',
    )}) as health`;
    return {
      text,
      params,
      // the same text has the same name on every connection and in every replica
      name: `weibao_health_${createHash('sha1').update(text).digest('hex')}`,
    };
  }
}
