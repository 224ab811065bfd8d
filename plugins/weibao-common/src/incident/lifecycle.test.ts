import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type {
  ClockMilestone,
  MaintenanceContractEntityV1alpha1,
} from '../contract/types';
import { RuleError } from '../rules/RuleError';
import { applyIncidentEvent, replayIncident } from './lifecycle';
import type { IncidentEvent, IncidentEventType } from './timeline';
import { allowedIncidentActions } from './transitions';
import type { IncidentState, IncidentTerms } from './types';
import {
  evaluateIncidentClock,
  incidentCalendars,
  incidentView,
  isClockAtRisk,
} from './views';

const chongzuo = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../examples/contracts.yaml'),
    'utf8',
  ),
)
  .map(doc => doc.toJS() as MaintenanceContractEntityV1alpha1)
  .find(c => c.metadata.name === 'chongzuo-mch-2026')!;

/** The terms an incident on a chongzuo system is opened under, as the backend copies them. */
const terms: IncidentTerms = {
  contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
  vendorRef: 'group:default/vendor',
  levels: chongzuo.spec.severityLevels.map(({ level, name, clocks }) => ({
    level,
    name,
    clocks,
  })),
  calendars: chongzuo.spec.calendars,
  calendarOverrides: chongzuo.spec.calendarOverrides,
};
const calendars = incidentCalendars(terms);

const MIN = 60_000;
const HOUR = 60 * MIN;
/** `z('09-18T09:10')` is 2026-09-18T09:10:00.000Z (17:10 in Asia/Shanghai). */
const z = (s: string) => `2026-${s}:00.000Z`;
const at = (s: string) => Date.parse(z(s));
/** The inverse of `at`: '09-18T09:10'. */
const short = (ms?: number) =>
  ms === undefined ? undefined : new Date(ms).toISOString().slice(5, 16);

type Payload<T extends IncidentEventType> = Extract<
  IncidentEvent,
  { type: T }
>['payload'];

function event<T extends IncidentEventType>(
  type: T,
  when: string,
  payload: Payload<T> = {} as Payload<T>,
): IncidentEvent {
  const actor = 'user:default/zhang-gong';
  return { type, at: at(when), actor, payload } as IncidentEvent;
}

/** A fault on the chongzuo HIS at `level`, reported (and recorded) at `when`. */
function report(
  level: number,
  when: string,
  extra: Partial<Payload<'reported'>> = {},
): IncidentEvent {
  const payload: Payload<'reported'> = {
    id: 'inc-0001',
    hospitalRef: 'system:default/chongzuo-mch',
    ownerRef: 'group:default/his-aftersales-guangxi',
    terms,
    systemRef: 'system:default/zlhis-chongzuo',
    title: '挂号收费无法登录',
    symptoms: '所有窗口登录 ZLHIS 超时',
    reporter: { name: '信息科 黄工', contact: '0771-7890123' },
    channel: 'hotline',
    type: 'request',
    urgency: 'very-urgent',
    level,
    occurredAt: at(when) - 10 * MIN,
    reportedAt: at(when),
    ...extra,
  };
  return { ...event('reported', when, payload), actor: 'user:default/desk' };
}

const clockOf = (s: IncidentState, m: ClockMilestone) =>
  s.clocks.find(c => c.milestone === m)!;
/** A clock's targets, each as 'at amount unit calendar [reason]'. */
const targetsOf = (s: IncidentState, m: ClockMilestone) =>
  clockOf(s, m).history.targets.map(t =>
    [short(t.at), t.target.amount, t.target.unit, t.calendar, t.reason]
      .filter(x => x !== undefined)
      .join(' '),
  );
const evaluate = (
  s: IncidentState,
  m: ClockMilestone,
  now: string,
  thresholds?: number[],
) => evaluateIncidentClock(clockOf(s, m), calendars, at(now), thresholds);
const viewAt = (s: IncidentState, now: string) =>
  incidentView(
    s,
    s.clocks.map(c => evaluateIncidentClock(c, calendars, at(now))),
    at(now),
    s.lastEventAt,
  );
/** The API view of one clock at `now`. */
const clockView = (s: IncidentState, m: ClockMilestone, now: string) =>
  viewAt(s, now).clocks.find(c => c.milestone === m)!;

/** The refusal of an event as 'kind field: reason'; fails if the reducer accepts it. */
function refusal(s: IncidentState | undefined, e: IncidentEvent): string {
  try {
    applyIncidentEvent(s, e);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleError);
    const { kind, field, reason } = error as RuleError;
    return `${kind} ${field}: ${reason}`;
  }
  throw new Error(`expected ${e.type} to be refused`);
}

// Fri 2026-09-18 17:00 Asia/Shanghai. Sun 20 Sep is a make-up workday (国庆调休), 25–27 Sep
// the Mid-Autumn holiday, 1–7 Oct National Day, Sat 10 Oct a make-up workday.
const FRI_17H = '09-18T09:00';
const MON_9H = '09-21T01:00'; // Mon 2026-09-21 09:00 Asia/Shanghai

const walk = [
  report(1, FRI_17H),
  event('acknowledge', '09-18T09:10'),
  event('dispatch', '09-18T09:40', { assignees: ['user:default/li-wei'] }),
  event('arrive', '09-18T10:30'),
  event('resolve', '09-18T15:00', { method: '重建索引', result: '挂号恢复' }),
  event('confirm', '09-19T01:00', { confirmedBy: '信息科 黄工' }),
  event('close', '09-19T02:00', { rootCause: 'program-error' }),
];
const upTo = (n: number) => replayIncident(walk.slice(0, n));

describe('applyIncidentEvent: reported → … → closed', () => {
  const states = walk.reduce<IncidentState[]>(
    (acc, e) => [...acc, applyIncidentEvent(acc[acc.length - 1], e)],
    [],
  );
  const closed = states[6];

  it('moves through every status, stopping each clock at its milestone', () => {
    const row = (s: IncidentState) =>
      [s.status, `v${s.version}`]
        .concat(s.clocks.map(c => short(c.history.stoppedAt)?.slice(6) ?? '-'))
        .join(' ');
    // response, dispatch and resolution clocks; arriving does not move the dispatch stop
    expect(states.map(row)).toEqual([
      'reported v1 - - -',
      'acknowledged v2 09:10 - -',
      'dispatched v3 09:10 09:40 -',
      'on-site v4 09:10 09:40 -',
      'resolved v5 09:10 09:40 15:00',
      'confirmed v6 09:10 09:40 15:00',
      'closed v7 09:10 09:40 15:00',
    ]);
    expect(states.map(s => s.lastEventAt)).toEqual(walk.map(e => e.at));
    expect(states[0]).toMatchObject({
      createdBy: 'user:default/desk',
      impact: { modules: [], processes: [], userGroups: [] },
    });
    expect(states[0].clocks.map(c => c.history.startedAt)).toEqual(
      Array(3).fill(at(FRI_17H)),
    );
    expect(
      states[0].clocks.flatMap(c => targetsOf(states[0], c.milestone)),
    ).toEqual([
      '09-18T09:00 30 minutes 24x7',
      '09-18T09:00 2 hours 24x7',
      '09-18T09:00 24 hours 24x7',
    ]);
    // level 1 sets no arrival clock, but the milestone is recorded
    expect(closed.milestones).toEqual({
      response: at('09-18T09:10'),
      dispatch: at('09-18T09:40'),
      arrival: at('09-18T10:30'),
      resolution: at('09-18T15:00'),
      solution: at('09-18T15:00'),
    });
    expect(closed).toMatchObject({
      acknowledgedBy: 'user:default/zhang-gong',
      assignees: ['user:default/li-wei'],
      resolution: { method: '重建索引', result: '挂号恢复' },
      confirmation: { confirmedBy: '信息科 黄工', at: at('09-19T01:00') },
      rootCause: 'program-error',
    });
  });

  it('evaluates to met clocks with exact due times in the API view', () => {
    const view = viewAt(closed, '09-19T02:00');
    expect(view.clocks.map(c => [c.status, c.dueAt, c.metAt])).toEqual([
      ['met', z('09-18T09:30'), z('09-18T09:10')],
      ['met', z('09-18T11:00'), z('09-18T09:40')],
      ['met', z('09-19T09:00'), z('09-18T15:00')],
    ]);
    expect(view.clocks[0]).toMatchObject({
      target: { amount: 30, unit: 'minutes' },
      calendar: '24x7',
      elapsedMs: 10 * MIN,
      remainingMs: 20 * MIN,
      percentElapsed: 33.3,
      atRisk: false,
      breachedAt: null,
    });
    expect(view).toMatchObject({
      version: 7,
      status: 'closed',
      levelName: '系统灾难故障',
      contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
      occurredAt: z('09-18T08:50'),
      reportedAt: z(FRI_17H),
      confirmation: { confirmedBy: '信息科 黄工', at: z('09-19T01:00') },
      remotePermission: null,
      paused: null,
      updatedAt: z('09-19T02:00'),
    });
  });

  it('is pure, and replaying equals folding step by step', () => {
    const before = structuredClone(states[1]);
    applyIncidentEvent(states[1], walk[2]);
    expect(states[1]).toEqual(before);
    expect(replayIncident(walk)).toEqual(closed);
    expect(upTo(3)).toEqual(states[2]);
    expect(() => replayIncident([])).toThrow(/no timeline/);
  });
});

describe('due times at the report, on the contract calendars', () => {
  it.each([
    [1, FRI_17H, 'dispatch', '09-18T11:00'],
    [2, FRI_17H, 'response', '09-18T09:30'],
    [2, FRI_17H, 'dispatch', '09-18T15:00'],
    [3, FRI_17H, 'response', '09-18T09:30'], // 17:00–17:30 on 5x8
    // 17:45: 15 working minutes on Friday, 15 on the make-up Sunday
    [3, '09-18T09:45', 'response', '09-20T01:15'],
    // 3 working days: Sun 20 (调休), Mon 21, Tue 22, at close of business
    [3, FRI_17H, 'dispatch', '09-22T10:00'],
    // 7 working days: 20–24, (Mid-Autumn 25–27 off) 28, 29
    [4, FRI_17H, 'dispatch', '09-29T10:00'],
    // Spring Festival: Sat 14 Feb works, 15–23 off, then Tue 24, Wed 25
    [3, '02-13T09:00', 'dispatch', '02-25T10:00'],
    [3, '02-13T09:45', 'response', '02-14T01:15'],
    // National Day: 8, 9, Sat 10 (调休), 12, 13, 14, 15 Oct
    [4, '09-30T02:00', 'dispatch', '10-15T10:00'],
  ] as const)('level %i reported %s: %s due %s', (level, when, m, due) => {
    const s = applyIncidentEvent(undefined, report(level, when));
    expect(clockView(s, m, when)).toMatchObject({
      status: 'running',
      dueAt: z(due),
    });
  });
});

describe('refusals', () => {
  const [reported, acked] = [upTo(1), upTo(2)];
  const pause = (when: string) => event('pause', when, { reason: '等待' });
  const regrade = (level: number) =>
    event('regrade', '09-18T09:20', { level, reason: '复核' });

  it('refuses transitions the status does not allow', () => {
    expect(refusal(reported, walk[4])).toBe(
      'state type: cannot resolve an incident that is reported; acknowledge it first',
    );
    expect(refusal(acked, event('start-remote', '09-18T09:20'))).toMatch(
      /^state type: .*grant-remote-permission/,
    );
    expect(refusal(upTo(5), walk[6])).toMatch(/^state type: .*must confirm/);
    expect(
      refusal(acked, event('reopen', '09-18T09:20', { reason: '复现' })),
    ).toMatch(/^state type: .*only a resolved, confirmed or closed/);
    expect(refusal(acked, walk[0])).toMatch(/^state type: .*already reported/);
    expect(refusal(undefined, walk[1])).toMatch(
      /^state type: .*never reported/,
    );
  });

  it('refuses to close without a root-cause category', () => {
    expect(refusal(upTo(6), event('close', '09-19T02:00'))).toMatch(
      /^input rootCause: /,
    );
  });

  it('refuses a level the contract does not have, naming its levels', () => {
    expect(refusal(acked, regrade(5))).toBe(
      'input level: 5 is not a level of contract maintenancecontract:default/chongzuo-mch-2026 (levels 1, 2, 3, 4)',
    );
    expect(refusal(undefined, report(7, FRI_17H))).toMatch(/^input level: 7 /);
    expect(refusal(acked, regrade(1))).toMatch(/^input level: .*already/);
  });

  it('refuses an event dated before the previous one, not one at the same instant', () => {
    const early = { ...walk[2], at: at('09-18T09:10') - 1 };
    expect(refusal(acked, early)).toMatch(
      /^input at: 2026-09-18T09:09:59.999Z is before .* \(2026-09-18T09:10:00.000Z\)/,
    );
    const note = event('note', '09-18T09:10', { text: '已电话联系' });
    expect(applyIncidentEvent(acked, note).version).toBe(3);
  });

  it('refuses a fault that occurred after it was reported', () => {
    const late = report(2, FRI_17H, { occurredAt: at(FRI_17H) + 1 });
    expect(refusal(undefined, late)).toMatch(/^input occurredAt: /);
  });

  it('refuses to pause before acknowledging or twice, and to resume unpaused', () => {
    expect(refusal(reported, pause('09-18T09:05'))).toMatch(
      /^state type: cannot pause .*; acknowledge it first/,
    );
    const paused = applyIncidentEvent(acked, pause('09-18T09:20'));
    expect(refusal(paused, pause('09-18T09:30'))).toMatch(/already paused/);
    expect(refusal(acked, event('resume', '09-18T09:20'))).toBe(
      'state type: the clocks are not paused',
    );
  });
});

describe('remote service', () => {
  it('meets dispatch and arrival once the hospital granted permission', () => {
    const grant = { grantedBy: '信息科 黄主任', note: '仅限今日' };
    const s = replayIncident([
      report(1, FRI_17H),
      event('grant-remote-permission', '09-18T09:02', grant),
      event('acknowledge', '09-18T09:05'),
      event('start-remote', '09-18T09:15'),
    ]);
    expect(s.status).toBe('remote');
    expect(s.milestones).toEqual({
      response: at('09-18T09:05'),
      dispatch: at('09-18T09:15'),
      arrival: at('09-18T09:15'),
    });
    expect(clockOf(s, 'dispatch').history.stoppedAt).toBe(at('09-18T09:15'));
    const view = viewAt(s, '09-18T12:00');
    expect(view.clocks.map(c => c.status)).toEqual(['met', 'met', 'running']);
    expect(view.remotePermission).toEqual({ ...grant, at: z('09-18T09:02') });
  });
});

describe('pause and resume', () => {
  // level 3 on 5x8, reported Mon 21 Sep 09:00: dispatch due Thu 24 Sep 18:00
  const reason = '医院要求夜班后处理';
  const acked = replayIncident([
    report(3, MON_9H),
    event('acknowledge', '09-21T01:10'),
  ]);
  const paused = applyIncidentEvent(
    acked,
    event('pause', '09-21T08:00', { reason }), // Mon 16:00
  );
  const resumed = applyIncidentEvent(paused, event('resume', '09-22T03:00'));

  it('pauses the running clocks, with no due time while paused', () => {
    expect(clockView(acked, 'dispatch', MON_9H).dueAt).toBe(z('09-24T10:00'));
    expect(paused.pause).toEqual({ from: at('09-21T08:00'), reason });
    expect(paused.clocks.map(c => c.history.pauses)).toEqual([
      [], // response stopped at the acknowledgement
      [{ from: at('09-21T08:00'), reason }],
    ]);
    expect(viewAt(paused, '09-21T09:00')).toMatchObject({
      paused: { from: z('09-21T08:00'), reason },
      clocks: [
        { status: 'met' },
        // the report day is not counted in a working-days period: nothing elapsed yet
        { status: 'paused', dueAt: null, elapsedMs: 0 },
      ],
    });
    expect(allowedIncidentActions(paused)).toContain('resume');
    expect(allowedIncidentActions(paused)).not.toContain('pause');
  });

  it('moves the due time by the working time paused, across the holiday', () => {
    expect(resumed.pause).toBeUndefined();
    expect(clockOf(resumed, 'dispatch').history.pauses).toEqual([
      { from: at('09-21T08:00'), to: at('09-22T03:00'), reason },
    ]);
    // Mon 16:00–18:00 is on the report day, which is not counted (Civil Code art. 201), so it
    // moves nothing; Tue 09:00–11:00 is inside the counted days: 2 working hours after Thu 18:00,
    // over the Mid-Autumn holiday (Fri 25), is Mon 28 11:00
    expect(clockView(resumed, 'dispatch', '09-22T04:00')).toMatchObject({
      status: 'running',
      dueAt: z('09-28T03:00'),
      elapsedMs: HOUR,
    });
    expect(allowedIncidentActions(resumed)).toContain('pause');
  });

  it('closes the pause when the incident is resolved while paused', () => {
    const s = replayIncident([
      ...walk.slice(0, 2),
      event('pause', '09-18T09:20', { reason }),
      event('resolve', '09-18T10:20', { method: '远程指导', result: '恢复' }),
    ]);
    expect(s).toMatchObject({ status: 'resolved', pause: undefined });
    expect(clockOf(s, 'dispatch').history).toMatchObject({
      pauses: [{ from: at('09-18T09:20'), to: at('09-18T10:20'), reason }],
      stoppedAt: at('09-18T10:20'),
    });
    // 20 minutes counted before the pause: due 1 h later than unpaused
    expect(clockView(s, 'dispatch', '09-18T12:00')).toMatchObject({
      status: 'met',
      dueAt: z('09-18T12:00'),
      elapsedMs: 20 * MIN,
    });
  });
});

describe('regrade', () => {
  const acked = replayIncident([
    report(3, MON_9H),
    event('acknowledge', '09-21T01:10'),
  ]);
  const reason = '全院挂号瘫痪';
  const toLevel = (level: number, when: string) =>
    event('regrade', when, { level, reason });

  it('counts the stricter level from the report and keeps every target', () => {
    const s = applyIncidentEvent(acked, toLevel(1, '09-21T02:00'));
    expect(s).toMatchObject({ level: 1, version: 3, status: 'acknowledged' });
    expect(targetsOf(s, 'dispatch')).toEqual([
      '09-21T01:00 3 working-days 5x8',
      `09-21T02:00 2 hours 24x7 ${reason}`,
    ]);
    expect(targetsOf(s, 'resolution')).toEqual([
      `09-21T02:00 24 hours 24x7 ${reason}`,
    ]);
    const view = viewAt(s, '09-21T02:00');
    expect(view.levelName).toBe('系统灾难故障');
    expect(view.clocks.map(c => [c.milestone, c.status, c.dueAt])).toEqual([
      ['response', 'met', z('09-21T01:30')],
      ['dispatch', 'running', z('09-21T03:00')],
      ['resolution', 'running', z('09-22T01:00')],
    ]);
    expect(view.clocks[1].targets[0]).toEqual({
      at: z(MON_9H),
      target: { amount: 3, unit: 'working-days' },
      calendar: '5x8',
    });
  });

  it('breaches an already overdue stricter target at the regrade, for good', () => {
    expect(evaluate(acked, 'dispatch', '09-21T04:01').state.status).toBe(
      'running',
    );
    const s = applyIncidentEvent(acked, toLevel(1, '09-21T04:00'));
    expect(clockView(s, 'dispatch', '09-21T04:01')).toMatchObject({
      status: 'breached',
      breachedAt: z('09-21T04:00'),
    });
    const met = applyIncidentEvent(s, event('dispatch', '09-21T05:00'));
    expect(clockView(met, 'dispatch', '09-21T06:00')).toMatchObject({
      status: 'breached',
      breachedAt: z('09-21T04:00'),
      metAt: z('09-21T05:00'),
    });
  });

  it('retires the clocks the new level does not have', () => {
    const s = replayIncident([...walk.slice(0, 2), toLevel(2, '09-18T09:30')]);
    expect(clockOf(s, 'resolution').retiredAt).toBe(at('09-18T09:30'));
    expect(viewAt(s, '09-19T12:00').clocks).toMatchObject([
      { status: 'met' },
      { status: 'breached', dueAt: z('09-18T15:00') },
      { status: 'retired', atRisk: false },
    ]);
  });

  // BUG (lifecycle.ts regrade): the added clock copies the pauses of state.clocks[0], the response
  // clock, which stops at the acknowledgement before any pause can start: it never has any.
  it('adds the new level’s clocks with the incident’s pauses so far', () => {
    const s = replayIncident([
      report(2, FRI_17H),
      event('acknowledge', '09-18T09:05'),
      event('pause', '09-18T09:10', { reason: '等待医院备份' }),
      toLevel(1, '09-18T09:20'),
    ]);
    expect(s.pause).toEqual({
      from: at('09-18T09:10'),
      reason: '等待医院备份',
    });
    expect(clockOf(s, 'resolution').history.pauses).toEqual([s.pause]);
    expect(clockView(s, 'resolution', '09-18T10:00').status).toBe('paused');
  });

  // BUG (lifecycle.ts regrade): a clock retired by one regrade and revived by another is not
  // stopped at a milestone met while it was retired, so a resolved incident's clock runs on.
  it('stops a revived clock whose milestone was met while it was retired', () => {
    const s = replayIncident([
      report(1, FRI_17H),
      toLevel(2, '09-18T09:02'),
      event('acknowledge', '09-18T09:05'),
      event('resolve', '09-18T10:00', { method: '重启服务', result: '恢复' }),
      toLevel(1, '09-18T10:30'),
    ]);
    expect(s.milestones.resolution).toBe(at('09-18T10:00'));
    expect(clockOf(s, 'resolution').retiredAt).toBeUndefined();
    expect(clockOf(s, 'resolution').history.stoppedAt).toBe(at('09-18T10:00'));
    expect(clockView(s, 'resolution', '09-20T00:00').status).toBe('met');
  });
});

describe('reopen', () => {
  const resolve = { method: '更换网卡', result: '已恢复' };
  const reopened = replayIncident([
    ...walk.slice(0, 4),
    event('resolve', '09-18T12:00', {
      ...resolve,
      rootCause: 'product-defect',
    }),
    event('confirm', '09-18T13:00', { confirmedBy: '信息科 黄工' }),
    event('reopen', '09-18T15:00', { reason: '故障复现' }),
  ]);

  it('restarts the resolution clock with a pause from resolved to reopened', () => {
    expect(reopened).toMatchObject({
      status: 'acknowledged',
      version: 7,
      rootCause: 'product-defect',
      resolution: undefined,
      confirmation: undefined,
      milestones: { resolution: undefined, dispatch: at('09-18T09:40') },
    });
    expect(reopened.clocks.map(c => short(c.history.stoppedAt))).toEqual([
      '09-18T09:10',
      '09-18T09:40',
      undefined,
    ]);
    expect(clockOf(reopened, 'resolution').history.pauses).toEqual([
      {
        from: at('09-18T12:00'),
        to: at('09-18T15:00'),
        reason: 'resolved, then reopened: 故障复现',
      },
    ]);
    expect(clockView(reopened, 'resolution', '09-18T16:00')).toMatchObject({
      status: 'running',
      dueAt: z('09-19T12:00'),
      elapsedMs: 4 * HOUR,
    });
  });

  it('meets the resolution again at the next resolve', () => {
    const again = applyIncidentEvent(
      reopened,
      event('resolve', '09-19T08:00', resolve),
    );
    expect(again.milestones.resolution).toBe(at('09-19T08:00'));
    expect(clockView(again, 'resolution', '09-19T09:00')).toMatchObject({
      status: 'met',
      metAt: z('09-19T08:00'),
    });
  });
});

describe('an incident without contract terms', () => {
  it('has no clocks and accepts any level', () => {
    const noClocksReason = '系统不在任何合同内';
    const s = replayIncident([
      report(9, FRI_17H, { terms: null, noClocksReason }),
      event('regrade', '09-18T09:01', { level: 42, reason: '内部评估' }),
      event('acknowledge', '09-18T09:05'),
    ]);
    expect(s).toMatchObject({ level: 42, clocks: [], status: 'acknowledged' });
    expect(allowedIncidentActions(s)).not.toContain('pause');
    const pause = event('pause', '09-18T09:06', { reason: '等待' });
    expect(refusal(s, pause)).toMatch(/^state type: no clock is running/);
    expect(viewAt(s, '09-18T09:05')).toMatchObject({
      contractRef: null,
      levelName: null,
      noClocksReason,
      clocks: [],
    });
  });
});

describe('allowedIncidentActions', () => {
  const open = ['regrade', 'pause', 'note', 'reassign'];
  const late = ['reopen', 'regrade', 'note', 'reassign'];
  it.each([
    [1, ['acknowledge', 'grant-remote-permission', ...late.slice(1)]],
    [2, ['dispatch', 'grant-remote-permission', 'resolve', ...open]],
    [4, ['grant-remote-permission', 'resolve', ...open]],
    [5, ['confirm', ...late]],
    [6, ['close', ...late]],
    [7, ['reopen', 'note']],
  ])('after %i events of the walk: %j', (n, actions) => {
    expect(allowedIncidentActions(upTo(n))).toEqual(actions);
  });

  it('allows remote service once permitted', () => {
    const grant = { grantedBy: '信息科' };
    const s = replayIncident([
      ...walk.slice(0, 2),
      event('grant-remote-permission', '09-18T09:20', grant),
    ]);
    expect(allowedIncidentActions(s)).toContain('start-remote');
  });
});

describe('at risk and breached', () => {
  // level 1: the engineer departs within 2 h of 09:00Z; 75 % is reached at 10:30Z
  const acked = upTo(2);
  const risk = (now: string, thresholds?: number[]) =>
    isClockAtRisk(evaluate(acked, 'dispatch', now, thresholds), at(now));

  it('turns at risk past the last warning threshold', () => {
    expect(evaluate(acked, 'dispatch', '09-18T09:30').atRiskAt).toBe(
      at('09-18T10:30'),
    );
    expect(risk('09-18T10:29')).toBe(false);
    expect(risk('09-18T10:31')).toBe(true);
    expect(risk('09-18T10:31', [50, 90])).toBe(false);
    expect(risk('09-18T10:49', [50, 90])).toBe(true);
    expect(clockView(acked, 'dispatch', '09-18T10:31')).toMatchObject({
      status: 'running',
      atRisk: true,
      percentElapsed: 75.8,
    });
  });

  it('breaches at the due time and stays breached once met', () => {
    expect(risk('09-18T11:01')).toBe(false);
    expect(clockView(acked, 'dispatch', '09-18T11:01')).toMatchObject({
      status: 'breached',
      breachedAt: z('09-18T11:00'),
      atRisk: false,
    });
    const met = applyIncidentEvent(acked, event('dispatch', '09-18T11:30'));
    expect(clockView(met, 'dispatch', '09-18T12:00')).toMatchObject({
      status: 'breached',
      dueAt: z('09-18T11:00'),
      breachedAt: z('09-18T11:00'),
      metAt: z('09-18T11:30'),
      atRisk: false,
    });
  });
});
