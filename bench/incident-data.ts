/*
 * The incidents of bench/incident-health.ts, as the backend would have stored them: states
 * folded by the real reducer (`applyIncidentEvent`) and clock rows from the service's own
 * evaluation, from a small set of scenarios whose ids, systems, levels, contracts, pace and
 * times vary.
 */
import { ConfigReader } from '@backstage/config';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  applyIncidentEvent,
  fullEntityRef,
  RuleError,
  isMaintenanceContractEntity,
  type IncidentAction,
  type IncidentEvent,
  type IncidentTerms,
} from '@weibao/plugin-weibao-common';
import { exampleCatalog } from '@weibao/test-support';
import { readCalendarOptions } from '../plugins/weibao-backend/src/config';
import type { ClockRow } from '../plugins/weibao-backend/src/database/incidents/IncidentStore';
import { IncidentService } from '../plugins/weibao-backend/src/services/incidents/IncidentService';
import { BenchCatalog, random } from './hospital-catalog';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const pick = <T>(next: () => number, items: ReadonlyArray<T>): T =>
  items[Math.floor(next() * items.length)];

/** A standard normal draw (Box–Muller). */
function normal(next: () => number): number {
  const u = 1 - next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

/** The terms of the example contracts, as IncidentService copies them into an incident. */
function exampleTerms(): IncidentTerms[] {
  return exampleCatalog()
    .filter(isMaintenanceContractEntity)
    .map(c => ({
      contractRef: stringifyEntityRef(c),
      vendorRef: fullEntityRef(c.spec.vendor, 'group'),
      levels: c.spec.severityLevels.map(l => ({
        level: l.level,
        name: l.name,
        clocks: l.clocks,
      })),
      ...(c.spec.calendars ? { calendars: c.spec.calendars } : {}),
      ...(c.spec.calendarOverrides
        ? { calendarOverrides: c.spec.calendarOverrides }
        : {}),
    }));
}

type Step = [minutes: number, action: IncidentAction];

const ENGINEERS = ['user:default/wang.wei', 'user:default/zhang.min'];

/**
 * How incidents go, as the actions after the report and their times in minutes from it.
 * An open incident is one of these cut before its resolution.
 */
const SCENARIOS: Array<{ weight: number; steps: (level: number) => Step[] }> = [
  {
    // fixed by phone
    weight: 30,
    steps: () => [
      [5, { type: 'acknowledge' }],
      [
        35,
        {
          type: 'resolve',
          method: '电话指导操作',
          result: '恢复正常',
          rootCause: 'operator-error',
        },
      ],
      [180, { type: 'confirm', confirmedBy: '信息科' }],
      [1500, { type: 'close' }],
    ],
  },
  {
    // remote service with the hospital's permission
    weight: 35,
    steps: () => [
      [8, { type: 'acknowledge' }],
      [12, { type: 'grant-remote-permission', grantedBy: '信息科 李主任' }],
      [15, { type: 'start-remote' }],
      [50, { type: 'note', text: '已远程连接,正在排查日志' }],
      [
        95,
        {
          type: 'resolve',
          method: '重启服务并修正配置',
          result: '业务恢复',
          rootCause: 'program-error',
        },
      ],
      [300, { type: 'confirm', confirmedBy: '信息科 李主任' }],
      [2000, { type: 'close' }],
    ],
  },
  {
    // an engineer on site
    weight: 20,
    steps: () => [
      [15, { type: 'acknowledge' }],
      [60, { type: 'dispatch', assignees: ENGINEERS }],
      [240, { type: 'arrive' }],
      [
        480,
        {
          type: 'resolve',
          method: '更换故障部件',
          result: '设备恢复',
          rootCause: 'product-defect',
        },
      ],
      [1440, { type: 'confirm', confirmedBy: '设备科' }],
      [2880, { type: 'close' }],
    ],
  },
  {
    // re-graded after the first look
    weight: 8,
    steps: level => [
      [10, { type: 'acknowledge' }],
      [
        40,
        {
          type: 'regrade',
          level: level === 4 ? 3 : level + 1,
          reason: '影响范围与报告不符',
        },
      ],
      [90, { type: 'dispatch', assignees: ENGINEERS.slice(0, 1) }],
      [200, { type: 'arrive' }],
      [
        600,
        {
          type: 'resolve',
          method: '修复数据',
          result: '报表正确',
          rootCause: 'program-error',
        },
      ],
      [1600, { type: 'confirm', confirmedBy: '信息科' }],
      [3000, { type: 'close' }],
    ],
  },
  {
    // paused while the hospital arranges a maintenance window, then reopened once
    weight: 7,
    steps: () => [
      [20, { type: 'acknowledge' }],
      [60, { type: 'dispatch', assignees: ENGINEERS }],
      [120, { type: 'pause', reason: '等待医院安排停机窗口' }],
      [1000, { type: 'resume' }],
      [1100, { type: 'arrive' }],
      [
        1300,
        {
          type: 'resolve',
          method: '升级补丁',
          result: '已修复',
          rootCause: 'product-defect',
        },
      ],
      [1700, { type: 'reopen', reason: '次日再次出现' }],
      [2100, { type: 'resolve', method: '回滚补丁', result: '已修复' }],
      [2900, { type: 'confirm', confirmedBy: '信息科' }],
      [4300, { type: 'close' }],
    ],
  },
];
const SCENARIO_WEIGHT = SCENARIOS.reduce((a, s) => a + s.weight, 0);

const TITLES = [
  ['门诊收费结算报错', '收费室结算时提示"医保接口返回超时"', '门诊收费'],
  ['住院医嘱无法保存', '护士站保存医嘱时长时间无响应', '住院医嘱'],
  ['报表数据不一致', '月报与明细合计不符', '报表'],
  ['打印机无法打印条码', '检验科条码打印机无响应', '标本采集'],
  ['影像调阅缓慢', '放射科调阅 CT 影像超过一分钟', '影像调阅'],
  ['叫号屏不刷新', '门诊二楼候诊屏停止刷新', '叫号'],
];
const LEVEL_WEIGHTS = [0.02, 0.1, 0.5, 0.38]; // levels 1..4
const NO_CONTRACT_SHARE = 0.15;

/** Shares of the statuses: the rest is closed. */
export const OPEN_SHARE = 0.027;
export const AWAITING_SHARE = 0.003;

export type IncidentRows = {
  incidents: Record<string, unknown>[];
  events: Record<string, unknown>[];
  clocks: Record<string, unknown>[];
};

export type IncidentGeneratorOptions = {
  systems: BenchCatalog['systems'];
  /** Incidents per system: a log-normal spread (σ = 1) around the mean. */
  count: number;
  now: number;
  /** Store every timeline row, or only the `reported` one. */
  fullTimelines: boolean;
  seed?: number;
};

/** A UUID (v4 layout) from the seeded generator. */
function uuid(next: () => number): string {
  const hex = (n: number) =>
    Math.floor(next() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(
    8 + Math.floor(next() * 4)
  ).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Incidents in batches of rows for the three tables, as `DatabaseIncidentStore` writes them.
 * Systems get a log-normal share of the incidents (a few busy ones, a long tail); ~97 % of
 * incidents are closed (reported over the last three years), the rest open or awaiting the
 * hospital's confirmation (reported over the last ten days). Clock rows are as evaluated at
 * each incident's last write, as the store keeps them.
 */
export function* incidentBatches(
  options: IncidentGeneratorOptions,
  batchSize: number,
): Generator<IncidentRows> {
  const { systems, count, now } = options;
  const next = random(options.seed ?? 1);
  const service = new IncidentService({
    store: undefined as never,
    catalog: undefined as never,
    calendarOptions: readCalendarOptions(new ConfigReader({})),
  });
  const terms = exampleTerms();
  // cumulative shares of the systems
  const cumulative = new Float64Array(systems.length);
  let total = 0;
  for (let i = 0; i < systems.length; i++) {
    total += Math.exp(normal(next));
    cumulative[i] = total;
  }
  const systemAt = (u: number) => {
    const x = u * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return systems[lo];
  };
  const levelOf = () => {
    let u = next();
    for (let l = 0; l < LEVEL_WEIGHTS.length; l++) {
      u -= LEVEL_WEIGHTS[l];
      if (u < 0) return l + 1;
    }
    return LEVEL_WEIGHTS.length;
  };
  const scenarioOf = () => {
    let u = next() * SCENARIO_WEIGHT;
    for (const s of SCENARIOS) {
      u -= s.weight;
      if (u < 0) return s;
    }
    return SCENARIOS[0];
  };
  const actor = 'user:default/li.na';

  let rows: IncidentRows = { incidents: [], events: [], clocks: [] };
  for (let n = 0; n < count; n++) {
    const system = systemAt(next());
    const level = levelOf();
    const contract = next() < NO_CONTRACT_SHARE ? null : pick(next, terms);
    const steps = scenarioOf().steps(level);
    const resolveAt = steps.findIndex(([, a]) => a.type === 'resolve');
    const u = next();
    // how many steps happened: all (closed), up to the first confirmation (awaiting), or
    // fewer than the resolution (open)
    let taken = steps.length;
    if (u < OPEN_SHARE) taken = Math.floor(next() * resolveAt);
    else if (u < OPEN_SHARE + AWAITING_SHARE) taken = resolveAt + 1;
    const closed = taken === steps.length;
    const pace = 0.5 + next() * 1.5; // how fast this one went
    const lastOffset = taken ? steps[taken - 1][0] * pace * MINUTE : 0;
    const reportedAt =
      Math.floor(
        (closed
          ? now - 5 * DAY - next() * 3 * 365 * DAY
          : now - lastOffset - next() * 10 * DAY) / MINUTE,
      ) * MINUTE;
    const [title, symptoms, module] = pick(next, TITLES);
    const id = uuid(next);
    const events: IncidentEvent[] = [
      {
        type: 'reported',
        at: reportedAt,
        actor,
        payload: {
          id,
          systemRef: system.ref,
          hospitalRef: system.hospitalRef,
          ownerRef: system.ownerRef,
          title,
          symptoms,
          module,
          impact: { modules: [module], processes: [], userGroups: [] },
          reporter: { name: '信息科 李主任', contact: '0771-7820000' },
          channel: 'hotline',
          type: 'request',
          urgency: level <= 2 ? 'very-urgent' : 'ordinary',
          level,
          occurredAt: reportedAt - 10 * MINUTE,
          reportedAt,
          assignees: [],
          terms: contract,
          ...(contract
            ? {}
            : {
                noClocksReason: `no maintenance contract covers ${system.ref}: the incident has no clocks`,
              }),
        },
      },
    ];
    let state = applyIncidentEvent(undefined, events[0]);
    for (let s = 0; s < taken; s++) {
      const [minutes, action] = steps[s];
      const { type, ...payload } = action;
      const event = {
        type,
        at: reportedAt + Math.floor(minutes * pace) * MINUTE,
        actor: s % 2 ? ENGINEERS[0] : actor,
        payload,
      } as IncidentEvent;
      try {
        state = applyIncidentEvent(state, event);
        events.push(event);
      } catch (e) {
        // e.g. no clock to pause without a contract: the step did not happen
        if (!(e instanceof RuleError)) throw e;
      }
    }
    const incident = state;
    const updatedAt = incident.lastEventAt + MINUTE;
    rows.incidents.push({
      id,
      version: incident.version,
      system_ref: incident.systemRef,
      hospital_ref: incident.hospitalRef,
      owner_ref: incident.ownerRef,
      contract_ref: incident.terms?.contractRef ?? null,
      level: incident.level,
      status: incident.status,
      title: incident.title,
      search_text: [
        incident.title,
        incident.symptoms,
        incident.module ?? '',
        incident.reporter.name,
        ...incident.impact.modules,
      ]
        .join('\n')
        .toLowerCase(),
      reported_at: new Date(incident.reportedAt),
      updated_at: new Date(updatedAt),
      state: JSON.stringify(incident),
    });
    const timeline = options.fullTimelines ? events : events.slice(0, 1);
    for (const [i, e] of timeline.entries()) {
      rows.events.push({
        incident_id: id,
        seq: i + 1,
        type: e.type,
        at: new Date(e.at),
        recorded_at: new Date(e.at + 30_000),
        actor: e.actor,
        payload: JSON.stringify(e.payload),
      });
    }
    // the clocks as evaluated at the last write (the sweep only moves next_alert_at)
    const clockRows: ClockRow[] = service.clockRows(
      service.evaluate(incident, updatedAt),
    );
    for (const c of clockRows) {
      rows.clocks.push({
        incident_id: id,
        milestone: c.milestone,
        status: c.status,
        counting: c.counting,
        target_seq: c.targetSeq,
        due_at: toDate(c.dueAt),
        at_risk_at: toDate(c.atRiskAt),
        breached_at: toDate(c.breachedAt),
        met_at: toDate(c.metAt),
        next_alert_at: toDate(c.nextAlertAt),
        calendar_version: c.calendarVersion,
      });
    }
    if (rows.incidents.length === batchSize) {
      yield rows;
      rows = { incidents: [], events: [], clocks: [] };
    }
  }
  if (rows.incidents.length) yield rows;
}
