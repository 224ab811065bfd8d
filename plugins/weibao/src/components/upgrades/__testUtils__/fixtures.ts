import type {
  DrillRecord,
  UpgradePlan,
  UpgradePlanDetail,
} from '@weibao/plugin-weibao-common';

/** The ZLHIS of the seeds' maternal and child health hospital. */
export const SYSTEM_REF = 'component:default/zlhis-chongzuo';

export const zlhis = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'zlhis-chongzuo', title: 'ZLHIS 医院信息系统' },
  spec: {
    type: 'his',
    lifecycle: 'production',
    owner: 'group:default/his-aftersales-guangxi',
    system: 'system:default/chongzuo-mch',
  },
};

export const PLAN_ID = '7d0c5a1e-2f1b-4c55-9d7e-0a1b2c3d4e5f';
export const DRILL_ID = '3b9e2d10-5c7a-4f3e-8a21-6d4c0b1e2f30';

/** A draft with its test environment ready: 22:00–04:00 hospital time on 21–22 Nov 2026. */
export const draftPlan: UpgradePlan = {
  id: PLAN_ID,
  systemRef: SYSTEM_REF,
  hospitalRef: 'system:default/chongzuo-mch',
  ownerRef: 'group:default/his-aftersales-guangxi',
  title: 'ZLHIS 10.35 升级',
  fromVersion: '10.34.0',
  toVersion: '10.35.2',
  architecture: 'x86_64',
  scope: ['server', 'database'],
  window: {
    start: '2026-11-21T14:00:00.000Z',
    end: '2026-11-21T20:00:00.000Z',
    expectedDowntimeMinutes: 120,
  },
  responsible: ['user:default/zhang.wei'],
  hospitalContact: { name: '信息科李主任', contact: '院内 IM 群' },
  gates: {
    'test-environment': {
      note: '测试环境已按正式库结构搭建',
      by: 'user:default/zhang.wei',
      at: '2026-11-10T02:00:00.000Z',
    },
  },
  status: 'draft',
  createdBy: 'user:default/zhang.wei',
  lastEventAt: '2026-11-10T02:00:00.000Z',
  updatedAt: '2026-11-10T02:00:00.000Z',
  version: 2,
  missingGates: [
    'simulated-upgrade',
    'rollback-plan',
    'rollback-rehearsed',
    'hospital-approval',
  ],
  allowedActions: ['meet-gate', 'write-rollback-plan', 'reschedule', 'cancel'],
};

export const rollbackDrill: DrillRecord = {
  id: DRILL_ID,
  version: 1,
  systemRef: SYSTEM_REF,
  hospitalRef: 'system:default/chongzuo-mch',
  ownerRef: 'group:default/his-aftersales-guangxi',
  contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
  scenario: '升级回退演练',
  upgradePlanId: PLAN_ID,
  occurrenceId: null,
  performedAt: '2026-11-15T06:30:00.000Z',
  participants: ['张伟', '李工'],
  recoveryMinutes: 35,
  targetMinutes: 60,
  passed: true,
  findings: '回退脚本需先停接口服务',
  followUps: [],
  recordedBy: 'user:default/zhang.wei',
};

export const serverDownDrill: DrillRecord = {
  ...rollbackDrill,
  id: '9a8b7c6d-0000-4000-8000-000000000002',
  scenario: '服务器宕机',
  upgradePlanId: null,
  performedAt: '2026-10-12T02:00:00.000Z',
  recoveryMinutes: 95,
  targetMinutes: 60,
  passed: false,
  findings: '',
};

/** The plan ready to start: every gate met, rollback plan written and rehearsed. */
export const readyPlan: UpgradePlanDetail = {
  ...draftPlan,
  status: 'ready',
  version: 6,
  gates: {
    ...draftPlan.gates,
    'simulated-upgrade': {
      note: '模拟升级通过,回归测试 132 项',
      link: 'https://wiki.example/zlhis/10.35/simulated',
      by: 'user:default/zhang.wei',
      at: '2026-11-12T03:00:00.000Z',
    },
    'rollback-plan': {
      note: '回退预案 v1',
      by: 'user:default/zhang.wei',
      at: '2026-11-13T03:00:00.000Z',
    },
    'rollback-rehearsed': {
      note: '回退演练通过 (drill 3b9e2d10)',
      by: 'user:default/zhang.wei',
      at: '2026-11-15T07:00:00.000Z',
    },
    'hospital-approval': {
      note: '信息科签字同意',
      by: 'user:default/zhang.wei',
      at: '2026-11-16T01:00:00.000Z',
    },
  },
  rollbackPlan: {
    triggerCriteria: '挂号或收费任一窗口 30 分钟内无法恢复',
    steps: ['停止应用服务', '恢复升级前全量备份', '启动 10.34.0 并核对数据'],
    expectedRollbackMinutes: 60,
    backupTaken: {
      at: '2026-11-13T02:00:00.000Z',
      note: '正式库全量备份至异地备份机',
    },
  },
  missingGates: [],
  allowedActions: [
    'meet-gate',
    'write-rollback-plan',
    'rehearse-rollback',
    'reschedule',
    'start',
    'cancel',
  ],
  history: [
    {
      seq: 1,
      type: 'planned',
      at: '2026-11-09T02:00:00.000Z',
      recordedAt: '2026-11-09T02:00:00.000Z',
      actor: 'user:default/zhang.wei',
      payload: { fromVersion: '10.34.0', toVersion: '10.35.2' },
    },
    {
      seq: 2,
      type: 'meet-gate',
      at: '2026-11-10T02:00:00.000Z',
      recordedAt: '2026-11-10T02:00:00.000Z',
      actor: 'user:default/zhang.wei',
      payload: { gate: 'test-environment', note: '测试环境已按正式库结构搭建' },
    },
  ],
  drills: [rollbackDrill],
};

export const draftDetail: UpgradePlanDetail = {
  ...draftPlan,
  history: [readyPlan.history[0], readyPlan.history[1]],
  drills: [],
};
