/*
 * The parts of bench/incident-health.ts around the measurement: arguments, the database,
 * inserts, the queries a request makes, statistics and the printed table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import type { IncidentRows } from './incident-data';

export type BenchArgs = {
  systems: number;
  incidents: number;
  sqlite: boolean;
  /** Systems sampled for the latency rounds. */
  sample: number;
  rounds: number;
  /** Store only each incident's `reported` timeline row. */
  reportedOnly: boolean;
  /** Print the queries of one health request and one catalog lookup, with their plans. */
  explain: boolean;
  /** Keep the benchmark's databases on an external PostgreSQL. */
  keep: boolean;
};

const USAGE = `usage: incident-health [--systems N] [--incidents N] [--sqlite] [--sample N] [--rounds N]
                       [--reported-only] [--explain] [--keep]`;

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    systems: 20_000,
    incidents: 2_000_000,
    sqlite: false,
    sample: 200,
    rounds: 5,
    reportedOnly: false,
    explain: false,
    keep: false,
  };
  const numbers = ['systems', 'incidents', 'sample', 'rounds'] as const;
  const flags = {
    '--sqlite': 'sqlite',
    '--reported-only': 'reportedOnly',
    '--explain': 'explain',
    '--keep': 'keep',
  } as const;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.replace(/^--/, '') as (typeof numbers)[number];
    if (arg in flags) {
      args[flags[arg as keyof typeof flags]] = true;
    } else if (arg.startsWith('--') && numbers.includes(name)) {
      const value = Number(String(argv[++i]).replace(/[_,]/g, ''));
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(
          `${arg}: a positive whole number, not ${argv[i]}\n${USAGE}`,
        );
      }
      args[name] = value;
    } else {
      throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return args;
}

/** The database the backend runs on: a private SQLite directory or a PostgreSQL server. */
export function databaseConfig(
  args: BenchArgs,
  log: (message: string) => void,
) {
  if (args.sqlite) {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-bench-'));
    return {
      engine: 'SQLite (better-sqlite3)',
      config: { client: 'better-sqlite3', connection: { directory } },
      cleanup: async () => fs.rmSync(directory, { recursive: true }),
    };
  }
  const version = (k: string) => Number(k.match(/\d+/)?.[0]);
  const key = Object.keys(process.env)
    .filter(k =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
    )
    .sort((a, b) => version(a) - version(b))
    .pop();
  if (!key) {
    throw new Error(
      'no PostgreSQL: run through bench/incident-health.sh (it starts one), set ' +
        'BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING, or pass --sqlite',
    );
  }
  const connection = process.env[key]!;
  // databases of their own, so that runs never meet: <prefix>catalog and <prefix>weibao
  const prefix = `bench_${Date.now().toString(36)}_`;
  return {
    engine: `PostgreSQL ${version(key)}`,
    config: { client: 'pg', connection, prefix },
    cleanup: async () => {
      if (args.keep) {
        log(`kept databases ${prefix}catalog and ${prefix}weibao`);
        return;
      }
      // a private server (bench/incident-health.sh) goes with its databases
      if (process.env.WEIBAO_BENCH_PRIVATE_PG === '1') return;
      const admin = knexFactory({ client: 'pg', connection });
      for (const plugin of ['catalog', 'weibao']) {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
          `${prefix}${plugin}`,
        ]);
      }
      await admin.destroy();
    },
  };
}

/** A module that hands over a plugin's own database client (the one its routes use). */
export function databaseOf(pluginId: string, found: (knex: Knex) => void) {
  return createBackendModule({
    pluginId,
    moduleId: 'bench-database',
    register(reg) {
      reg.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          found(await database.getClient());
        },
      });
    },
  });
}

/**
 * Rows per INSERT statement: below PostgreSQL's 65,535 parameters, and SQLite's 500 terms of
 * a compound SELECT (knex writes SQLite's multi-row inserts as `select … union all select …`).
 */
const ROWS_PER_STATEMENT = {
  pg: { incidents: 1000, events: 2000, clocks: 2000 },
  sqlite: { incidents: 500, events: 500, clocks: 500 },
};

/** One batch of incidents with their timeline and clock rows, in one transaction. */
export async function insertBatch(
  db: Knex,
  batch: IncidentRows,
): Promise<void> {
  const size =
    ROWS_PER_STATEMENT[db.client.config.client === 'pg' ? 'pg' : 'sqlite'];
  await db.transaction(async tx => {
    const tables = [
      ['weibao_incidents', batch.incidents, size.incidents],
      ['weibao_incident_events', batch.events, size.events],
      ['weibao_incident_clocks', batch.clocks, size.clocks],
    ] as const;
    for (const [table, rows, n] of tables) {
      for (let i = 0; i < rows.length; i += n) {
        await tx(table).insert(rows.slice(i, i + n));
      }
    }
  });
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

/** name, n, mean, p50, p95, p99, max (ms). */
export function latencyRow(name: string, ms: number[]): string[] {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return [
    name,
    String(sorted.length),
    ...[
      mean,
      ...[50, 95, 99].map(p => percentile(sorted, p)),
      sorted[sorted.length - 1],
    ].map(v => v.toFixed(2)),
  ];
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function memory(): string {
  const m = process.memoryUsage();
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
  return `RSS ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}`;
}

/**
 * Rows as aligned columns. A row of one cell starting with "—" is a section heading; a
 * two-cell row is a label and a value.
 */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) {
    if (r.length < 3) continue;
    r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  }
  const labelWidth = Math.max(
    widths[0] ?? 0,
    ...rows.filter(r => r.length === 2).map(r => r[0].length),
  );
  return rows
    .map(r => {
      if (r.length === 1) return `\n${r[0]}`;
      if (r.length === 2) return `  ${r[0].padEnd(labelWidth)}  ${r[1]}`;
      return `  ${r
        .map((c, i) => (i === 0 ? c.padEnd(labelWidth) : c.padStart(widths[i])))
        .join('  ')}`;
    })
    .join('\n');
}

type RecordedQuery = {
  sql: string;
  bindings: unknown[];
  start: number;
  ms?: number;
};

/** The queries one request makes on a plugin's database, with their wall times. */
export async function queriesOf(
  db: Knex,
  request: () => Promise<unknown>,
): Promise<RecordedQuery[]> {
  const queries = new Map<string, RecordedQuery>();
  const onQuery = (q: any) =>
    queries.set(q.__knexQueryUid, {
      sql: q.sql,
      bindings: q.bindings ?? [],
      start: performance.now(),
    });
  const onResponse = (_r: unknown, q: any) => {
    const found = queries.get(q.__knexQueryUid);
    if (found) found.ms = performance.now() - found.start;
  };
  db.on('query', onQuery).on('query-response', onResponse);
  try {
    await request();
  } finally {
    db.off('query', onQuery).off('query-response', onResponse);
  }
  return [...queries.values()];
}

/**
 * Prints the queries one request makes, with their wall times, and the plan of each as the
 * database runs it again (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite).
 */
export async function explain(
  title: string,
  db: Knex,
  request: () => Promise<unknown>,
): Promise<string> {
  const queries = await queriesOf(db, request);
  const out = [`${title}: ${queries.length} queries`];
  for (const q of queries) {
    out.push(
      `\n[${q.ms?.toFixed(2)} ms] ${q.sql}`,
      `  bindings ${JSON.stringify(q.bindings)}`,
    );
    try {
      let lines: string[];
      if (db.client.config.client === 'pg') {
        // the statement as the driver ran it ($1 placeholders), on a connection of the pool
        const connection = await db.client.acquireConnection();
        try {
          const plan = await connection.query(
            `EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`,
            q.bindings,
          );
          lines = plan.rows.map((r: any) => r['QUERY PLAN']);
        } finally {
          await db.client.releaseConnection(connection);
        }
      } else {
        const plan = await db.raw(
          `EXPLAIN QUERY PLAN ${q.sql}`,
          q.bindings as any,
        );
        lines = plan.map((r: any) => r.detail);
      }
      out.push(...lines.map(l => `  ${l}`));
    } catch (e) {
      out.push(`  (no plan: ${(e as Error).message.slice(0, 200)})`);
    }
  }
  return out.join('\n');
}

/** n distinct items, chosen by the seeded generator. */
export function sampleOf<T>(items: T[], n: number, next: () => number): T[] {
  const copy = [...items];
  const count = Math.min(n, copy.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}
