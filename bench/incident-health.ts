/*
 * Latency of a hospital system's health summary (GET /api/weibao/systems/…/health) next to the
 * catalog's own lookup of the same entity (GET /api/catalog/entities/by-name/…), both over
 * HTTP through one in-process backend (the real catalog and weibao plugins) on PostgreSQL or
 * SQLite, with a catalog of 20,000 hospital systems and 2,000,000 incidents by default.
 *
 * Run: `yarn bench:incidents [--systems N] [--incidents N] [--sqlite]` (see bench/README.md);
 * bench/incident-health.sh starts a private PostgreSQL unless one is configured.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import { BenchEntityProvider, benchCatalog, random } from './hospital-catalog';
import { AWAITING_SHARE, incidentBatches, OPEN_SHARE } from './incident-data';
import { rebuildIncidentHealth } from '../plugins/weibao-backend/src/__testUtils__/rebuildIncidentHealth';
import {
  databaseConfig,
  databaseOf,
  explain,
  formatTable,
  insertBatch,
  latencyRow,
  memory,
  parseArgs,
  queriesOf,
  sampleOf,
  seconds,
} from './incident-health-support';

const args = parseArgs(process.argv.slice(2));
const auth = mockCredentials.user.header('user:default/li.na');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));

const results: string[][] = [];
const section = (title: string) => results.push([`— ${title}`]);
const row = (...cells: Array<string | number>) =>
  results.push(cells.map(String));

async function main() {
  const database = databaseConfig(args, log);
  const catalog = benchCatalog(args.systems);
  const provider = new BenchEntityProvider(catalog);
  const clients: Record<string, Knex> = {};

  section('setup');
  row('database', database.engine);
  row('sizes', `${args.systems} hospital systems, ${args.incidents} incidents`);
  row(
    'machine',
    `${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB, ` +
      `load ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`,
  );

  log(`starting the backend on ${database.engine}`);
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'bench-provider',
        register(reg) {
          reg.registerInit({
            deps: { processing: catalogProcessingExtensionPoint },
            async init({ processing }) {
              processing.addEntityProvider(provider);
            },
          });
        },
      }),
      databaseOf('catalog', k => (clients.catalog = k)),
      import('@weibao/plugin-weibao-backend'),
      databaseOf('weibao', k => (clients.weibao = k)),
      mockServices.rootConfig.factory({
        data: {
          backend: { database: database.config },
          catalog: {
            rules: [{ allow: ['Component', 'System', 'Domain', 'Group'] }],
          },
        },
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}`;
  /** One GET with the user's token: its time (ms) and body. */
  const get = async (url: string): Promise<[number, string]> => {
    const t = performance.now();
    const res = await fetch(base + url, { headers: { authorization: auth } });
    const body = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) {
      throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`);
    }
    return [ms, body];
  };

  try {
    // ---- the catalog, through the provider and the real processing loop
    const expected = catalog.entities.length;
    let lastLog = performance.now();
    for (;;) {
      const [, body] = await get('/api/catalog/entities/by-query?limit=1');
      const count = JSON.parse(body).totalItems;
      if (count >= expected) break;
      if (performance.now() - lastLog > 10_000) {
        log(`catalog: ${count} of ${expected} entities processed`);
        lastLog = performance.now();
      }
      await new Promise(r => setTimeout(r, 500));
    }
    const catalogReady = performance.now();
    section('catalog (real catalog plugin, one full mutation from a provider)');
    row(
      'entities',
      `${expected} (${args.systems} Components; hospitals as Systems, Domains, Groups)`,
    );
    row('backend start', seconds(provider.connectedAt - started));
    row(
      'mutation to all processed',
      `${seconds(catalogReady - provider.connectedAt)} (${perSecond(
        expected,
        catalogReady - provider.connectedAt,
      )} entities/s)`,
    );
    row('memory', memory());

    // ---- incidents, straight into the weibao tables
    const db = clients.weibao;
    log(`seeding ${args.incidents} incidents`);
    const totals = { incidents: 0, events: 0, clocks: 0 };
    const seedStart = performance.now();
    const inFlight = new Set<Promise<void>>();
    let logged = 0;
    for (const batch of incidentBatches(
      {
        systems: catalog.systems,
        count: args.incidents,
        now: Date.now(),
        fullTimelines: !args.reportedOnly,
      },
      1000,
    )) {
      totals.incidents += batch.incidents.length;
      totals.events += batch.events.length;
      totals.clocks += batch.clocks.length;
      // a few transactions in flight while the next batch is built
      const p: Promise<void> = insertBatch(db, batch).finally(() =>
        inFlight.delete(p),
      );
      inFlight.add(p);
      if (inFlight.size >= 3) await Promise.race(inFlight);
      if (totals.incidents - logged >= args.incidents / 10) {
        logged = totals.incidents;
        log(
          `seeded ${logged} incidents in ${seconds(
            performance.now() - seedStart,
          )}`,
        );
      }
    }
    await Promise.all(inFlight);
    const seedMs = performance.now() - seedStart;
    // the rows went straight into the tables: derive the incidents' health rows from them, as
    // the migration that added them does for incidents already stored
    const healthStart = performance.now();
    const healthRows = await rebuildIncidentHealth(db);
    const healthMs = performance.now() - healthStart;
    const analyzeStart = performance.now();
    await db.raw('ANALYZE');
    await clients.catalog.raw('ANALYZE');
    const analyzeMs = performance.now() - analyzeStart;

    section('seeding (multi-row inserts, one transaction per 1,000 incidents)');
    row(
      'incidents',
      `${totals.incidents} (${Math.round(
        (1 - OPEN_SHARE - AWAITING_SHARE) * 100,
      )} % closed, ${(OPEN_SHARE * 100).toFixed(1)} % open, ` +
        `${(AWAITING_SHARE * 100).toFixed(
          1,
        )} % resolved; log-normal per system)`,
    );
    row(
      'timeline rows',
      `${totals.events} (${
        args.reportedOnly ? 'reported only' : 'full timelines'
      })`,
    );
    row('clock rows', totals.clocks);
    const rows = totals.incidents + totals.events + totals.clocks;
    row(
      'seeding time',
      `${seconds(seedMs)} (${perSecond(rows, seedMs)} rows/s, ` +
        `${perSecond(totals.incidents, seedMs)} incidents/s)`,
    );
    row(
      'incident health rows',
      `${healthRows} (open and resolved incidents, derived in ${seconds(
        healthMs,
      )})`,
    );
    row('ANALYZE', seconds(analyzeMs));
    if (db.client.config.client === 'pg') {
      const size = await db.raw(
        'select pg_size_pretty(pg_database_size(current_database())) as s',
      );
      row('weibao database size', size.rows[0].s);
    }
    row('memory', memory());

    // ---- latency: one request at a time, the two endpoints interleaved
    const next = random(7);
    const sample = sampleOf(catalog.systems, args.sample, next).map(
      s => s.name,
    );
    const healthUrl = (name: string) =>
      `/api/weibao/systems/default/${name}/health`;
    const entityUrl = (name: string) =>
      `/api/catalog/entities/by-name/component/default/${name}`;
    log(`warming up, then ${args.rounds} rounds over ${sample.length} systems`);
    for (const name of sample) {
      await get(healthUrl(name));
      await get(entityUrl(name));
    }
    const health: number[] = [];
    const entity: number[] = [];
    for (let round = 0; round < args.rounds; round++) {
      for (const name of sample) {
        // which goes first is random, so neither always follows the other
        if (next() < 0.5) {
          health.push((await get(healthUrl(name)))[0]);
          entity.push((await get(entityUrl(name)))[0]);
        } else {
          entity.push((await get(entityUrl(name)))[0]);
          health.push((await get(healthUrl(name)))[0]);
        }
      }
    }
    const healthQueries = await queriesOf(db, () => get(healthUrl(sample[0])));
    const entityQueries = await queriesOf(clients.catalog, () =>
      get(entityUrl(sample[0])),
    );

    // ---- the system with the most open incidents
    const busiest = (await db('weibao_incidents')
      .whereNotIn('status', ['resolved', 'confirmed', 'closed'])
      .select('system_ref')
      .count({ n: '*' })
      .groupBy('system_ref')
      .orderBy('n', 'desc')
      .first()) as { system_ref: string; n: number | string };
    const busiestName = String(busiest.system_ref).split('/').pop()!;
    const all = await db('weibao_incidents')
      .where('system_ref', busiest.system_ref)
      .count({ n: '*' })
      .first();
    const summary = JSON.parse((await get(healthUrl(busiestName)))[1]);
    for (let i = 0; i < 10; i++) await get(healthUrl(busiestName));
    const busiestTimes: number[] = [];
    for (let i = 0; i < 100; i++) {
      busiestTimes.push((await get(healthUrl(busiestName)))[0]);
    }

    section(
      `latency over HTTP, ms (${sample.length} random systems × ${args.rounds} rounds ` +
        'after a warm-up, one request at a time, same token)',
    );
    results.push(['endpoint', 'n', 'mean', 'p50', 'p95', 'p99', 'max']);
    const h = latencyRow('weibao health', health);
    const e = latencyRow('catalog by-name', entity);
    results.push(h, e, [
      'health / catalog',
      '',
      ...h.slice(2).map((v, i) => (Number(v) / Number(e[i + 2])).toFixed(2)),
    ]);
    const dbMs = (qs: typeof healthQueries) =>
      `${qs.length} (${qs.map(q => q.ms?.toFixed(1)).join(', ')} ms)`;
    row('queries per health request', dbMs(healthQueries));
    row('queries per catalog lookup', dbMs(entityQueries));
    section(
      `busiest system: ${busiestName} (${busiest.n} open of ${
        all!.n
      } incidents; ` +
        `${summary.breached} breached, ${summary.atRisk} at risk)`,
    );
    results.push(latencyRow('weibao health', busiestTimes));
    section('process');
    row('memory at the end', memory());

    if (args.explain) {
      process.stdout.write(
        `\n${await explain(`health of ${busiestName}`, db, () =>
          get(healthUrl(busiestName)),
        )}\n\n${await explain(
          `catalog lookup of ${busiestName}`,
          clients.catalog,
          () => get(entityUrl(busiestName)),
        )}\n`,
      );
    }
  } finally {
    process.stdout.write(`\n${formatTable(results)}\n`);
    await backend.stop();
    await database.cleanup();
  }
}

main().then(
  // the catalog's processing loops would keep the process alive
  () => process.exit(0),
  error => {
    // a failed insert's message holds its whole statement
    const message = String(error?.message ?? error);
    const stack = String(error?.stack ?? '')
      .split('\n')
      .slice(1, 12);
    process.stderr.write(
      `${message.length > 2000 ? `${message.slice(0, 2000)} …` : message}\n` +
        `${stack.join('\n')}\n`,
    );
    process.exit(1);
  },
);
