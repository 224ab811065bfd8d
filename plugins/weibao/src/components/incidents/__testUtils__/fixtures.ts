import type {
  ContractStanding,
  IncidentClockView,
  IncidentDetail,
  IncidentList,
  SeverityLevel,
} from '@weibao/plugin-weibao-common';

/**
 * Example data for the incident tests: ZLHIS at 崇左市妇幼保健院 under the ¥790,000 contract
 * (examples/contracts.yaml), reported Saturday 21 Nov 2026 at 09:00 hospital time.
 */
export const ZLHIS = 'component:default/zlhis-chongzuo';
export const CHONGZUO_MCH = 'system:default/chongzuo-mch';
export const CONTRACT = 'maintenancecontract:default/chongzuo-mch-2026';
export const INCIDENT_ID = '2f6a3c1e-7b8d-4e5f-9a0b-1c2d3e4f5a6b';

/** A clock of the level-1 matrix, running unless overridden. */
export function clock(
  milestone: IncidentClockView['milestone'],
  overrides: Partial<IncidentClockView> = {},
): IncidentClockView {
  const target =
    milestone === 'response'
      ? { amount: 30, unit: 'minutes' as const }
      : { amount: milestone === 'dispatch' ? 2 : 24, unit: 'hours' as const };
  return {
    milestone,
    target,
    calendar: '24x7',
    status: 'running',
    dueAt: '2026-11-21T01:30:00.000Z',
    elapsedMs: 10 * 60_000,
    remainingMs: 20 * 60_000,
    percentElapsed: 33.3,
    atRisk: false,
    breachedAt: null,
    metAt: null,
    calendarVersion: '2026',
    warnings: [],
    targets: [{ at: '2026-11-21T01:00:00.000Z', target, calendar: '24x7' }],
    pauses: [],
    ...overrides,
  };
}

/** The level-1 fault on ZLHIS, just reported, with its three clocks. */
export function incident(
  overrides: Partial<IncidentDetail> = {},
): IncidentDetail {
  return {
    id: INCIDENT_ID,
    version: 1,
    systemRef: ZLHIS,
    hospitalRef: CHONGZUO_MCH,
    ownerRef: 'group:default/his-aftersales-guangxi',
    contractRef: CONTRACT,
    noClocksReason: null,
    title: '挂号处无法登录 ZLHIS',
    symptoms: '挂号、收费窗口登录时报“连接数据库失败”',
    module: '挂号',
    impact: {
      modules: ['挂号', '收费'],
      processes: ['门诊挂号'],
      userGroups: ['窗口人员'],
    },
    reporter: { name: '黄工(信息科)', contact: '0771-7820000' },
    channel: 'hotline',
    type: 'request',
    urgency: 'very-urgent',
    level: 1,
    levelName: '系统灾难故障',
    status: 'reported',
    occurredAt: '2026-11-21T00:55:00.000Z',
    reportedAt: '2026-11-21T01:00:00.000Z',
    assignees: [],
    rootCause: null,
    resolution: null,
    remotePermission: null,
    confirmation: null,
    paused: null,
    clocks: [
      clock('response'),
      clock('dispatch', {
        dueAt: '2026-11-21T03:00:00.000Z',
        remainingMs: 110 * 60_000,
        percentElapsed: 8.3,
      }),
      clock('resolution', {
        dueAt: '2026-11-22T01:00:00.000Z',
        remainingMs: 1430 * 60_000,
        percentElapsed: 0.7,
      }),
    ],
    createdBy: 'user:default/zhang.wei',
    updatedAt: '2026-11-21T01:00:00.000Z',
    timeline: [
      {
        seq: 1,
        type: 'reported',
        at: '2026-11-21T01:00:00.000Z',
        recordedAt: '2026-11-21T01:00:05.000Z',
        actor: 'user:default/zhang.wei',
        payload: {
          level: 1,
          reporter: { name: '黄工(信息科)', contact: '0771-7820000' },
        },
      },
    ],
    alerts: [],
    allowedActions: [
      'acknowledge',
      'grant-remote-permission',
      'regrade',
      'note',
      'reassign',
    ],
    ...overrides,
  };
}

export function list(
  items: IncidentDetail[],
  more: Partial<IncidentList> = {},
): IncidentList {
  return { items, totalCount: items.length, ...more };
}

/** The ¥790,000 contract's severity matrix (故障分级), names as signed. */
const LEVELS: SeverityLevel[] = [
  [1, '系统灾难故障'],
  [2, '严重故障'],
  [3, '一般错误类'],
  [4, '一般需求类'],
].map(([level, name]) => ({
  level: level as number,
  name: name as string,
  definition: name as string,
  clocks: [],
}));

/** `GET /contract-standing` for ZLHIS: only what the forms read is filled in. */
export function standing(covered = true): ContractStanding {
  if (!covered) {
    return {
      evaluatedAt: '2026-11-21T01:00:00.000Z',
      entityRef: ZLHIS,
      contract: null,
      reason: 'no maintenance contract covers component:default/zlhis-chongzuo',
    };
  }
  return {
    evaluatedAt: '2026-11-21T01:00:00.000Z',
    entityRef: ZLHIS,
    contract: {
      entityRef: CONTRACT,
      title: '崇左市妇幼保健院医院信息系统运维服务合同',
      // reversed on purpose: the form lists them by number
      spec: { severityLevels: [...LEVELS].reverse() },
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      inForce: true,
      covered: [],
      obligations: { overdue: 0, dueSoon: 0, done: 0 },
    },
    reason: null,
  } as unknown as ContractStanding;
}
