/** Upgrade plans of ZLHIS at 崇左 (chongzuo-mch) for the upgrade rule tests. */
import { contractCalendar } from '../../calendar';
import { RuleError } from '../../rules/RuleError';
import { applyUpgradeEvent, UpgradeRuleOptions } from '../lifecycle';
import type { UpgradeEvent, UpgradePlanState, UpgradeWindow } from '../types';

export const calendar = contractCalendar('5x8');
export const options: UpgradeRuleOptions = {
  calendar,
  freezes: [],
  rehearsalRecencyDays: 90,
};
export const ZHANG = 'user:default/zhang.wei';
export const LI = 'user:default/li.na';
export const PLAN = 'plan-zlhis-10-36';
export const CHONGZUO = 'system:default/chongzuo-mch';

/** `sh('11-28T20:00')`: 2026-11-28 20:00 in Asia/Shanghai, whatever the process's TZ. */
export const sh = (s: string) => Date.parse(`2026-${s}:00+08:00`);
export const win = (start: string, end: string): UpgradeWindow => ({
  start: sh(start),
  end: sh(end),
  expectedDowntimeMinutes: 120,
});
/** Saturday 28 November 2026, 20:00–24:00 (an ordinary weekend day: see window.test.ts). */
export const SATURDAY = win('11-28T20:00', '11-29T00:00');

export type Ev<T extends UpgradeEvent['type']> = Extract<
  UpgradeEvent,
  { type: T }
>;
export const ev = <T extends UpgradeEvent['type']>(
  type: T,
  at: string,
  payload: Ev<T>['payload'],
  actor = ZHANG,
) => ({ type, at: sh(at), actor, payload } as unknown as UpgradeEvent);

export const planned = (
  over: Partial<Ev<'planned'>['payload']> = {},
  at = '11-02T10:00',
) =>
  ev('planned', at, {
    id: PLAN,
    systemRef: 'component:default/zlhis-chongzuo',
    hospitalRef: CHONGZUO,
    ownerRef: 'group:default/his-aftersales-guangxi',
    title: 'ZLHIS 10.35 → 10.36',
    fromVersion: '10.35',
    toVersion: '10.36',
    architecture: 'x86_64',
    targetArchitecture: 'x86_64',
    scope: ['server', 'database', 'client'],
    window: SATURDAY,
    responsible: [ZHANG, LI],
    hospitalContact: { name: '信息科', contact: '内线 8001' },
    ...over,
  });
export const drill = (
  over: Partial<Ev<'rehearse-rollback'>['payload']['drill']>,
) => ({
  id: 'drill-7',
  performedAt: sh('11-19T21:00'),
  passed: true,
  scenario: 'ZLHIS 10.36 升级回退',
  upgradePlanId: PLAN,
  ...over,
});
export const rehearse = (at: string, d = drill({})) =>
  ev('rehearse-rollback', at, { drill: d, note: '回退演练 42 分钟恢复' });
export const rollbackPlan = (
  at: string,
  expectedRollbackMinutes = 90,
  backupAt = sh(at) - 3_600_000,
) =>
  ev('write-rollback-plan', at, {
    note: '回退预案 v2',
    link: 'https://docs.example/zlhis-10.36-rollback',
    rollbackPlan: {
      triggerCriteria: '挂号或收费 30 分钟内无法恢复',
      steps: ['停止应用服务', '还原 10.35 数据库备份', '回装 10.35 客户端'],
      expectedRollbackMinutes,
      backupTaken: { at: backupAt, note: '全量备份 zlhis_full' },
    },
  });
export const gate = (
  g: 'test-environment' | 'simulated-upgrade' | 'hospital-approval',
  at: string,
  note: string = g,
) => ev('meet-gate', at, { gate: g, note });

/** The plan through its five gates, each in turn, ready on 24 November. */
export const throughGates = (first = planned()): UpgradeEvent[] => [
  first,
  gate('test-environment', '11-05T10:00', '测试环境 10.36 搭建完成'),
  gate('simulated-upgrade', '11-10T16:00', '模拟升级通过，回归用例 312 条'),
  rollbackPlan('11-12T09:00'),
  rehearse('11-20T10:00'),
  gate('hospital-approval', '11-24T11:00', '信息科批准'),
];

export const fold = (events: UpgradeEvent[], o = options) =>
  events.reduce<UpgradePlanState | undefined>(
    (s, e) => applyUpgradeEvent(s, e, o),
    undefined,
  )!;

/** The refusal a rule throws (any other error is rethrown). */
export function refusal(run: () => unknown): RuleError {
  try {
    run();
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
