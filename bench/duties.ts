/*
 * Duties (issue 16) over HTTP through one in-process backend (the weibao plugin, the catalog
 * mock) on SQLite or PostgreSQL: N copies of the example Chongzuo contract tracked from its first
 * day (2 March 2026), their obligations generated with the clock on 7 December 2026, so that each
 * copy has nine months of daily backups of three systems overdue. It times
 *   1. the Duties card's one call, GET /obligations/groups?systemRef=<ZLHIS of a copy>, against
 *      the plain list GET /obligations?systemRef=…&limit=20 (the reference: the catalog is the
 *      mock here, so its own endpoint would say nothing);
 *   2. POST /obligations/bulk-complete of one system's overdue daily backups (one duty group,
 *      one transaction) against completing as many occurrences one by one with
 *      POST /obligations/{id}/complete (the reference);
 *   3. the process's memory (the backend runs in it) before and after.
 *
 * Run: `yarn bench:duties [--contracts N] [--requests N] [--bulk N] [--postgres]`
 * (see bench/README.md).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { exampleCatalog } from '@weibao/test-support';
import type { Knex } from 'knex';
import { DatabaseObligationStore } from '../plugins/weibao-backend/src/database/obligations/DatabaseObligationStore';
import { createWeibaoPlugin } from '../plugins/weibao-backend/src/plugin';
import { ObligationService } from '../plugins/weibao-backend/src/services/obligations/ObligationService';
import {
  databaseConfig,
  databaseOf,
  explain,
  formatTable,
  latencyRow,
  memory,
  queriesOf,
  seconds,
} from './incident-health-support';

type Args = {
  contracts: number;
  requests: number;
  bulk: number;
  postgres: boolean;
  keep: boolean;
  explain: boolean;
};

const USAGE =
  'usage: duties [--contracts N] [--requests N] [--bulk N] [--postgres] [--keep] [--explain]';

function parseArgs(argv: string[]): Args {
  const args: Args = {
    contracts: 20,
    requests: 100,
    bulk: 3,
    postgres: false,
    keep: false,
    explain: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--postgres') args.postgres = true;
    else if (arg === '--sqlite') args.postgres = false;
    else if (arg === '--keep') args.keep = true;
    else if (arg === '--explain') args.explain = true;
    else if (['--contracts', '--requests', '--bulk'].includes(arg)) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(`${arg}: a positive whole number\n${USAGE}`);
      }
      args[arg.slice(2) as 'contracts' | 'requests' | 'bulk'] = value;
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  // one contract for the one-by-one reference, the others for the bulk rounds
  args.contracts = Math.max(args.contracts, args.bulk + 1);
  return args;
}

const args = parseArgs(process.argv.slice(2));
const NOW = Date.parse('2026-12-07T10:00:00+08:00');
const HIS_TEAM = 'group:default/his-aftersales-guangxi';
const auth = mockCredentials.user.header('user:default/li.na');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const q = encodeURIComponent;

/** A scheduler that never runs its tasks: the benchmark runs the obligations job itself. */
const idleScheduler: SchedulerService = {
  triggerTask: async () => {},
  cancelTask: async () => {},
  scheduleTask: async () => {},
  createScheduledTaskRunner: () => ({ run: async () => {} }),
  getScheduledTasks: async () => [],
};

const quietLogger: LoggerService = {
  error: message => log(`error: ${message}`),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

/** Counts the statements a plugin's client runs (knex's 'query' events) until stopped. */
function countQueries(db: Knex) {
  let n = 0;
  const kinds = new Map<string, number>();
  const onQuery = (q: { sql: string }) => {
    n++;
    // the statement's verb and table
    const key = q.sql
      .replace(/\s+/g, ' ')
      .replace(/^update\s+[`"]?(\w+).*$/i, 'update $1')
      .replace(/^(\w+).*?\b(?:from|into|update)\s+[`"]?(\w+).*$/i, '$1 $2')
      .slice(0, 60);
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  };
  db.on('query', onQuery);
  return {
    stop: () => {
      db.off('query', onQuery);
      return n;
    },
    /** The most frequent statements, "verb table ×n". */
    top: (count: number) =>
      [...kinds.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', '),
  };
}

const results: string[][] = [];
const section = (title: string) => results.push([`— ${title}`]);
const row = (...cells: Array<string | number>) =>
  results.push(cells.map(String));

/**
 * The example catalog with the Chongzuo contract, its hospital and its eight systems in `n`
 * copies: copy 0 is the original, copy i > 0 has every name suffixed with `-c<i>` (the
 * contract, the hospital, the systems and every reference to them).
 */
function catalogWithCopies(n: number): Entity[] {
  const all = exampleCatalog({ trackingStart: '2026-03-02' });
  const isChongzuo = (e: Entity) =>
    (e.kind === 'MaintenanceContract' &&
      e.metadata.name === 'chongzuo-mch-2026') ||
    (e.kind === 'System' && e.metadata.name === 'chongzuo-mch') ||
    (e.kind === 'Component' && e.spec?.system === 'chongzuo-mch');
  const chongzuo = all.filter(isChongzuo);
  const copies: Entity[] = [];
  for (let i = 1; i < n; i++) {
    const json = JSON.stringify(chongzuo).replace(
      /\b(chongzuo-mch-2026|chongzuo-mch|[a-z0-9-]+-chongzuo)\b(?=["+\]])/g,
      `$1-c${i}`,
    );
    copies.push(...(JSON.parse(json) as Entity[]));
  }
  return [...all, ...copies];
}

const zlhisOf = (i: number) =>
  `component:default/zlhis-chongzuo${i ? `-c${i}` : ''}`;
const contractOf = (i: number) =>
  `maintenancecontract:default/chongzuo-mch-2026${i ? `-c${i}` : ''}`;

async function main() {
  const database = databaseConfig(
    {
      sqlite: !args.postgres,
      keep: args.keep,
    } as Parameters<typeof databaseConfig>[0],
    log,
  );
  const entities = catalogWithCopies(args.contracts);
  const clients: Record<string, Knex> = {};

  section('setup');
  row('database', database.engine);
  row(
    'catalog',
    `${args.contracts} copies of the Chongzuo contract (catalog mock, ${entities.length} entities), ` +
      'tracked from 2026-03-02, clock on 2026-12-07 10:00 (+08:00)',
  );
  row(
    'machine',
    `${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB, ` +
      `load ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`,
  );
  const memoryAtStart = process.memoryUsage();

  log(`starting the backend on ${database.engine}`);
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      createWeibaoPlugin({ now: () => NOW }),
      databaseOf('weibao', k => (clients.weibao = k)),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { backend: { database: database.config } },
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      // the obligations job runs when the benchmark says so, not on the scheduler's timer
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => idleScheduler,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          getUserInfo: async credentials => {
            const { userEntityRef } = credentials.principal as {
              userEntityRef: string;
            };
            return {
              userEntityRef,
              ownershipEntityRefs: [userEntityRef, HIS_TEAM],
            };
          },
        }),
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api/weibao`;
  const call = async (
    method: 'GET' | 'POST',
    url: string,
    body?: object,
  ): Promise<[number, any]> => {
    const t = performance.now();
    const res = await fetch(base + url, {
      method,
      headers: {
        authorization: auth,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200 && res.status !== 201) {
      throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
    }
    return [ms, JSON.parse(text)];
  };
  const get = (url: string) => call('GET', url);
  const post = (url: string, body: object) => call('POST', url, body);

  let explained = '';
  try {
    const db = clients.weibao;
    row('backend start', seconds(performance.now() - started));
    const memoryStarted = process.memoryUsage();

    // ---- the obligations job, as the scheduled task runs it
    log('generating the obligations');
    const syncStart = performance.now();
    await new ObligationService({
      store: new DatabaseObligationStore(db),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: quietLogger,
      calendarOptions: {},
      now: () => NOW,
    }).syncAll();
    const syncMs = performance.now() - syncStart;
    const stored = await db('weibao_obligation_occurrences')
      .count({ n: '*' })
      .first();
    const occurrences = Number(stored!.n);
    // the state is worked out from the clock when read: ask the API
    const overdue = (await get('/obligations?state=overdue&limit=1'))[1]
      .totalCount;
    if (db.client.config.client === 'pg') await db.raw('ANALYZE');
    section('obligations job (ObligationService.syncAll)');
    row(
      'occurrences',
      `${occurrences} (${overdue} overdue), ${Math.round(
        occurrences / args.contracts,
      )} per contract`,
    );
    row(
      'time',
      `${seconds(syncMs)} (${(syncMs / args.contracts).toFixed(
        0,
      )} ms per contract)`,
    );
    row('memory', memory());
    const memorySynced = process.memoryUsage();

    // ---- 1. the Duties card's call against the plain list
    const system = zlhisOf(0);
    const groupsUrl = `/obligations/groups?systemRef=${q(system)}`;
    const listUrl = `/obligations?systemRef=${q(system)}&limit=20`;
    log(`timing ${args.requests} × groups and list of ${system}`);
    const [, groupsBody] = await get(groupsUrl);
    const [, listBody] = await get(listUrl);
    for (let i = 0; i < 10; i++) {
      await get(groupsUrl);
      await get(listUrl);
    }
    const groupsMs: number[] = [];
    const listMs: number[] = [];
    for (let i = 0; i < args.requests; i++) {
      // which goes first alternates, so neither always follows the other
      if (i % 2) {
        groupsMs.push((await get(groupsUrl))[0]);
        listMs.push((await get(listUrl))[0]);
      } else {
        listMs.push((await get(listUrl))[0]);
        groupsMs.push((await get(groupsUrl))[0]);
      }
    }
    const groupsQueries = await queriesOf(db, () => get(groupsUrl));
    const listQueries = await queriesOf(db, () => get(listUrl));
    const dailyOf = (body: any, ref: string) =>
      body.groups.find(
        (g: any) =>
          g.kind === 'backup' &&
          g.frequency === 'daily' &&
          g.systemRef === ref &&
          !g.followUp,
      );
    const daily = dailyOf(groupsBody, system);
    section(
      `1. Duties card: GET /obligations/groups?systemRef=${system} ` +
        `(${groupsBody.groups.length} groups; daily backups ${daily?.counts.overdue} overdue), ` +
        `reference GET /obligations?systemRef=…&limit=20 (${listBody.items.length} of ${listBody.totalCount}); ` +
        `ms over HTTP, ${args.requests} each after 10 warm-up, one at a time`,
    );
    results.push(['endpoint', 'n', 'mean', 'p50', 'p95', 'p99', 'max']);
    const g = latencyRow('groups', groupsMs);
    const l = latencyRow('list (reference)', listMs);
    results.push(g, l, [
      'groups / list',
      '',
      ...g.slice(2).map((v, i) => (Number(v) / Number(l[i + 2])).toFixed(2)),
    ]);
    const dbMs = (qs: typeof groupsQueries) =>
      `${qs.length} (${qs.map(x => x.ms?.toFixed(1)).join(', ')} ms)`;
    row('queries per groups request', dbMs(groupsQueries));
    row('queries per list request', dbMs(listQueries));
    const memoryTimed = process.memoryUsage();
    explained = args.explain
      ? `${await explain('groups', db, () =>
          get(groupsUrl),
        )}\n\n${await explain('list (reference)', db, () => get(listUrl))}`
      : '';

    // ---- 2. a whole group completed in bulk, against one by one
    const groupOf = async (i: number) => {
      const [, body] = await get(
        `/obligations/groups?systemRef=${q(zlhisOf(i))}&kind=backup`,
      );
      const found = dailyOf(body, zlhisOf(i));
      if (!found) throw new Error(`no daily backups of ${zlhisOf(i)}`);
      return found;
    };
    log(`bulk-completing the overdue daily backups of ${args.bulk} systems`);
    const bulkRounds: Array<{ ms: number; n: number; queries: number }> = [];
    let bulkStatements = '';
    for (let i = 1; i <= args.bulk; i++) {
      const group = await groupOf(i);
      const counted = countQueries(db);
      const [ms, body] = await post('/obligations/bulk-complete', {
        group: {
          contractRef: contractOf(i),
          obligationId: group.obligationId,
          systemRef: zlhisOf(i),
          states: ['overdue'],
        },
        note: '备份作业日志已核对',
        links: [{ title: 'NBU job log', url: 'https://backup.example/jobs' }],
      });
      if (body.count !== group.counts.overdue) {
        throw new Error(
          `bulk-complete: ${body.count} of ${group.counts.overdue} completed`,
        );
      }
      bulkRounds.push({ ms, n: body.count, queries: counted.stop() });
      bulkStatements ||= counted.top(6);
    }
    // the reference: the same number of occurrences of another copy, one request each
    const n = bulkRounds[0].n;
    const refSystem = zlhisOf(args.bulk + 1);
    const refGroup = await groupOf(args.bulk + 1);
    const items: Array<{ id: string; version: number }> = [];
    let cursor: string | undefined;
    do {
      const [, page] = await get(
        `/obligations?systemRef=${q(refSystem)}&obligationId=${q(
          refGroup.obligationId,
        )}&state=overdue&limit=100${cursor ? `&cursor=${q(cursor)}` : ''}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < n);
    const one = items.slice(0, n);
    log(`completing ${one.length} occurrences one by one`);
    const oneMs: number[] = [];
    const oneCounted = countQueries(db);
    const oneStart = performance.now();
    for (const o of one) {
      oneMs.push(
        (
          await post(`/obligations/${o.id}/complete`, {
            version: o.version,
            note: '备份作业日志已核对',
            links: [
              { title: 'NBU job log', url: 'https://backup.example/jobs' },
            ],
          })
        )[0],
      );
    }
    const oneTotal = performance.now() - oneStart;
    const oneQueries = oneCounted.stop();
    const oneStatements = oneCounted.top(6);
    const bulkMean =
      bulkRounds.reduce((a, r) => a + r.ms, 0) / bulkRounds.length;
    const perBulk =
      bulkRounds.reduce((a, r) => a + r.ms / r.n, 0) / bulkRounds.length;
    const perOne = oneTotal / one.length;
    section(
      `2. completing one duty group: the overdue daily backups of ZLHIS (${n} occurrences), ` +
        'bulk in one request against one request per occurrence (reference)',
    );
    results.push([
      '',
      'requests',
      'occurrences',
      'queries',
      'total ms',
      'ms per occ.',
    ]);
    bulkRounds.forEach((r, i) =>
      results.push([
        `bulk-complete, copy ${i + 1}`,
        '1',
        String(r.n),
        String(r.queries),
        r.ms.toFixed(1),
        (r.ms / r.n).toFixed(3),
      ]),
    );
    results.push([
      'one by one (reference)',
      String(one.length),
      String(one.length),
      String(oneQueries),
      oneTotal.toFixed(1),
      perOne.toFixed(3),
    ]);
    results.push([
      'bulk / one by one',
      '',
      '',
      '',
      (bulkMean / oneTotal).toFixed(3),
      (perBulk / perOne).toFixed(3),
    ]);
    results.push(latencyRow('one complete request, ms', oneMs));
    row('statements of a bulk request', bulkStatements);
    row('statements of the one-by-one', oneStatements);
    const history = await db('weibao_obligation_events')
      .count({ n: '*' })
      .first()
      .catch(() => undefined);
    if (history) row('history rows (all occurrences)', Number(history.n));

    // ---- 3. memory
    const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
    const end = process.memoryUsage();
    section('3. process memory (the backend runs in this process)');
    results.push(['', 'RSS', 'heap used', 'heap total', 'external']);
    for (const [name, m] of [
      ['before the backend', memoryAtStart],
      ['backend started', memoryStarted],
      ['after the obligations job', memorySynced],
      ['after 1. (groups and list)', memoryTimed],
      ['at the end (after 2.)', end],
    ] as const) {
      results.push([
        name,
        mb(m.rss),
        mb(m.heapUsed),
        mb(m.heapTotal),
        mb(m.external),
      ]);
    }
  } finally {
    process.stdout.write(`\n${formatTable(results)}\n`);
    if (explained) process.stdout.write(`\n${explained}\n`);
    await backend.stop();
    await database.cleanup();
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
