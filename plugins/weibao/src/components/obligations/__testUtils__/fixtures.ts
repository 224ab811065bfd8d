import type { Entity } from '@backstage/catalog-model';
import type {
  ObligationGroup,
  ObligationGroupList,
  ObligationOccurrence,
  ObligationOccurrenceList,
} from '@weibao/plugin-weibao-common';

/** An occurrence of the Chongzuo contract (examples/contracts.yaml), open unless overridden. */
export function occurrence(
  figures: Partial<ObligationOccurrence> & Pick<ObligationOccurrence, 'id'>,
): ObligationOccurrence {
  return {
    version: 1,
    key: 'inspection.quarterly#3',
    contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
    hospitalRef: 'system:default/chongzuo-mch',
    ownerRef: 'group:default/his-aftersales-guangxi',
    obligationId: 'inspection.quarterly',
    kind: 'inspection',
    frequency: 'quarterly',
    description:
      '现场巡检:服务器、客户端、数据库性能、接口连通性,3 个工作日内提交书面报告',
    systems: ['component:default/zlhis-chongzuo'],
    systemRef: null,
    windowStart: '2026-09-02',
    windowEnd: '2026-12-01',
    dueAt: '2026-12-01T10:00:00.000Z',
    state: 'upcoming',
    sequence: 3,
    count: null,
    parentKey: null,
    followUpKind: null,
    holiday: null,
    scenarios: [],
    provisional: false,
    done: null,
    waived: null,
    ...figures,
  };
}

/** Ids are uuids, as the backend's routes require. */
export const IDS = {
  inspection: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0001',
  drill: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0002',
  survey: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0003',
  backup: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0004',
  training: '7a1e3c52-0b8e-4d55-9d0f-3f3f1c1a0005',
};

/** The ZLHIS system and the Chongzuo contract of examples/. */
export const zlhis: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'zlhis-chongzuo', namespace: 'default' },
  spec: {
    type: 'his',
    owner: 'his-aftersales-guangxi',
    system: 'chongzuo-mch',
  },
};

export const chongzuoContract: Entity = {
  apiVersion: 'weibao.io/v1alpha1',
  kind: 'MaintenanceContract',
  metadata: { name: 'chongzuo-mch-2026', namespace: 'default' },
  spec: {},
};

/** An overdue drill, a due inspection, an upcoming survey follow-up and training 2 of 3. */
export const drill = occurrence({
  id: IDS.drill,
  key: 'drill.quarterly#2',
  kind: 'drill',
  obligationId: 'drill.quarterly',
  description: '按应急预案演练',
  scenarios: ['服务器宕机', '接口协议不兼容', '数据同步中断'],
  dueAt: '2026-08-31T10:00:00.000Z',
  state: 'overdue',
  version: 2,
});
export const inspection = occurrence({ id: IDS.inspection, state: 'due' });
export const survey = occurrence({
  id: IDS.survey,
  key: 'return-visit.quarterly#3/survey',
  kind: 'return-visit',
  obligationId: 'return-visit.quarterly',
  followUpKind: 'survey',
  parentKey: 'return-visit.quarterly#3',
  description: '客户回访与满意度调查(各类别 5..0 分)',
  dueAt: '2026-12-08T10:00:00.000Z',
  state: 'upcoming',
});
export const training = occurrence({
  id: IDS.training,
  key: 'training.per-contract#2',
  kind: 'training',
  frequency: 'per-contract',
  obligationId: 'training.per-contract',
  description: '维保期内培训不少于 3 次',
  sequence: 2,
  count: 3,
  dueAt: '2027-03-01T10:00:00.000Z',
  state: 'upcoming',
});

/** The list of the four sample occurrences (or of those given). */
export const list = (
  items = [drill, inspection, survey, training],
): ObligationOccurrenceList => ({ items, totalCount: items.length });

/** A group of the Chongzuo contract's duties (the HIS database backup of ZLHIS unless overridden). */
export function group(figures: Partial<ObligationGroup> = {}): ObligationGroup {
  return {
    contractRef: 'maintenancecontract:default/chongzuo-mch-2026',
    obligationId: 'backup.daily',
    kind: 'backup',
    frequency: 'daily',
    description: 'HIS 数据库每日备份',
    systemRef: 'component:default/zlhis-chongzuo',
    followUp: null,
    counts: {},
    oldestOverdueAt: null,
    nextDueAt: null,
    ...figures,
  };
}

/**
 * ZLHIS's duties as the groups endpoint answers (not in order of urgency): its daily backup
 * (270 overdue, 3 due soon, 41 before tracking), and two duties of the contract as a whole, the
 * quarterly inspection (1 due soon, 2 done) and the per-contract training (nothing open).
 */
export const backupGroup = group({
  counts: { overdue: 270, due: 3, upcoming: 1, 'before-tracking': 41 },
  oldestOverdueAt: '2026-03-02T10:00:00.000Z',
  nextDueAt: '2026-12-08T10:00:00.000Z',
});
export const inspectionGroup = group({
  obligationId: 'inspection.quarterly',
  kind: 'inspection',
  frequency: 'quarterly',
  description: '现场巡检',
  systemRef: null,
  counts: { due: 1, done: 2 },
  nextDueAt: '2026-12-01T10:00:00.000Z',
});
export const trainingGroup = group({
  obligationId: 'training.per-contract',
  kind: 'training',
  frequency: 'per-contract',
  description: '维保期内培训不少于 3 次',
  systemRef: null,
  counts: { upcoming: 1, done: 1 },
  nextDueAt: '2027-03-01T10:00:00.000Z',
});

/** The groups answer (of the three groups, or of those given). */
export const groupList = (
  groups = [trainingGroup, inspectionGroup, backupGroup],
): ObligationGroupList => ({ groups, totalCount: groups.length });
