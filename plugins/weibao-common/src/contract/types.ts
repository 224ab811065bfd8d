import type { Entity } from '@backstage/catalog-model';

/** @public */
export const MAINTENANCE_CONTRACT_API_VERSION = 'weibao.io/v1alpha1';
/** @public */
export const MAINTENANCE_CONTRACT_KIND = 'MaintenanceContract';

/**
 * The calendars every contract can name without defining them.
 * `24x7`: wall time. `5x8`: Monday–Friday 09:00–18:00 on official Chinese working days
 * (statutory holidays off, make-up workdays 调休 on), Asia/Shanghai.
 *
 * @public
 */
export const BUILT_IN_CALENDARS = ['24x7', '5x8'] as const;

/** An ISO date, `YYYY-MM-DD`, in the contract's time zone. @public */
export type IsoDate = string;

/** A span of time: minutes and hours count working time on a calendar; working days follow the Civil Code. @public */
export type Duration = {
  amount: number;
  unit: 'minutes' | 'hours' | 'working-days';
};

/** When the contract runs: fixed dates, or a length counted from an event (signing, final acceptance 终验). @public */
export type ContractPeriod =
  | { start: IsoDate; end: IsoDate }
  | {
      from: 'signing' | 'final-acceptance';
      years?: number;
      months?: number;
      /** The date of the event, once it happened. */
      start?: IsoDate;
    };

/** @public */
export type Money = { amount: number; currency: 'CNY' | 'USD' | 'EUR' | 'HKD' };

/** One payment milestone (付款节点), e.g. 50 % within 30 days of the invoice after signing. @public */
export type PaymentMilestone = {
  percent: number;
  trigger:
    | 'signing'
    | 'invoice'
    | 'acceptance'
    | 'final-acceptance'
    | 'months-after-start';
  /** With `months-after-start`. */
  months?: number;
  /** Days the hospital has to pay once triggered. */
  withinDays?: number;
  /** The payment also waits for the hospital's acceptance. */
  requiresAcceptance?: boolean;
  description?: string;
};

/** A penalty (违约金), e.g. late service: 3 % of the contract value per day, capped at 5 %. @public */
export type PenaltyRule = {
  on: 'late-service' | 'late-delivery' | 'sla-breach' | 'other';
  percentOfValuePerDay?: number;
  fixedAmountPerDay?: number;
  capPercentOfValue?: number;
  description?: string;
};

/** The acceptance rule (验收): inspect within 7 working days of written notice, else deemed accepted. @public */
export type AcceptanceRule = {
  inspectWithin: Duration;
  deemedAcceptedIfSilent: boolean;
  fixObjectionsWithin?: Duration;
};

/** `HH:MM-HH:MM`, e.g. `09:00-18:00`. @public */
export type TimeRange = string;

/** @public */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A calendar the contract defines for its channels and clocks. @public */
export type ContractCalendar = {
  name: string;
  timeZone?: string;
  /** Working intervals per weekday; several per day for a lunch break. */
  weekly: Partial<Record<Weekday, TimeRange[]>>;
  /** `cn-official`: statutory holidays off and make-up workdays on; `none`: every day by the week. */
  holidays: 'cn-official' | 'none';
};

/** A service channel (服务渠道) and when it is staffed. @public */
export type ServiceChannel = {
  kind:
    | 'hotline'
    | 'on-call'
    | 'remote'
    | 'on-site'
    | 'web-platform'
    | 'im-group'
    | 'email';
  calendar: string;
  /** Remote access only with the hospital's explicit permission each time. */
  requiresPermission?: boolean;
  /** Levels this channel is for (e.g. on-site any time for level 1 only). */
  levels?: number[];
  description?: string;
};

/** A milestone a clock runs to. @public */
export type ClockMilestone =
  | 'response'
  | 'dispatch'
  | 'arrival'
  | 'resolution'
  | 'solution';

/** One promise of the severity matrix: reach `milestone` within `target` on `calendar`. @public */
export type ClockTarget = {
  milestone: ClockMilestone;
  target: Duration;
  calendar: string;
  /** The hospital may agree another time (或与甲方约定的时间). */
  agreedTimeAllowed?: boolean;
};

/** A level of the severity matrix (故障分级). @public */
export type SeverityLevel = {
  level: number;
  name: string;
  definition: string;
  clocks: ClockTarget[];
};

/** @public */
export type ObligationKind =
  | 'inspection'
  | 'performance-evaluation'
  | 'health-check'
  | 'drill'
  | 'backup'
  | 'security-audit'
  | 'return-visit'
  | 'communication'
  | 'training'
  | 'data-migration'
  | 'incident-review'
  | 'holiday-duty-notice'
  | 'maintenance-report'
  | 'certificate-renewal';

/** @public */
export type ObligationFrequency =
  | 'daily'
  | 'weekly'
  | 'monthly'
  | 'quarterly'
  | 'half-yearly'
  | 'yearly'
  | 'per-contract'
  | 'before-statutory-holiday';

/** A recurring duty (周期性义务), e.g. a quarterly inspection with a report within 3 working days. @public */
export type RecurringObligation = {
  kind: ObligationKind;
  frequency: ObligationFrequency;
  /** With `per-contract`: at least this many in the contract period. */
  count?: number;
  /**
   * The contract's as a whole (one occurrence per due date: the quarterly inspection) or each
   * system's own (one per system per due date: the backups of each database). Default: `system`
   * when `systems` are listed, else `contract`.
   */
  per?: 'contract' | 'system';
  /** Systems it is for; all covered systems when absent. */
  systems?: string[];
  followUp?: { kind: 'report' | 'survey' | 'notice'; within: Duration };
  /** For drills: the scenarios rehearsed. */
  scenarios?: string[];
  description?: string;
};

/** @public */
export type InventoryItem =
  | 'personal-certificate'
  | 'usb-key'
  | 'smart-card'
  | 'crypto-card'
  | 'electronic-seal'
  | 'time-stamp-service';

/** A minimum the vendor must keep supplied, e.g. at least 494 personal certificates. @public */
export type InventoryMinimum = {
  item: InventoryItem;
  count: number;
  system?: string;
};

/** A day agreed with the hospital that differs from the official calendar. @public */
export type CalendarOverride = {
  date: IsoDate;
  working: boolean;
  reason: string;
};

/** @public */
export type MaintenanceContractSpec = {
  contractNumber: string;
  /** The hospital: a System entity ref. */
  hospital: string;
  /** The vendor (乙方): a Group entity ref. */
  vendor: string;
  /** The team responsible: a Group entity ref. */
  owner: string;
  period: ContractPeriod;
  /**
   * The day (YYYY-MM-DD, hospital time) from which Weibao tracks the contract: duties due and
   * incidents reported before it are neither overdue nor counted in penalties. Default: the day
   * Weibao first saw the contract in the catalog.
   */
  trackingStart?: IsoDate;
  value: Money;
  payments?: PaymentMilestone[];
  penalties?: PenaltyRule[];
  acceptance?: AcceptanceRule;
  /** The hospital systems covered: Component entity refs. */
  covers: string[];
  calendars?: ContractCalendar[];
  channels: ServiceChannel[];
  severityLevels: SeverityLevel[];
  obligations?: RecurringObligation[];
  inventoryMinimums?: InventoryMinimum[];
  calendarOverrides?: CalendarOverride[];
};

/**
 * A maintenance contract (运维服务合同) as a catalog entity.
 *
 * @public
 */
export interface MaintenanceContractEntityV1alpha1 extends Entity {
  apiVersion: typeof MAINTENANCE_CONTRACT_API_VERSION;
  kind: typeof MAINTENANCE_CONTRACT_KIND;
  spec: MaintenanceContractSpec;
}

/**
 * Whether an entity is a maintenance contract (by apiVersion and kind; not validated).
 *
 * @public
 */
export function isMaintenanceContractEntity(
  entity: Entity,
): entity is MaintenanceContractEntityV1alpha1 {
  return (
    entity.apiVersion === MAINTENANCE_CONTRACT_API_VERSION &&
    entity.kind === MAINTENANCE_CONTRACT_KIND
  );
}
