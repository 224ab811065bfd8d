import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CalendarOptions,
  CHINESE_OFFICIAL_DAYS,
  DEFAULT_RECORD_TIME_RULES,
  DEFAULT_WARNING_THRESHOLDS,
  RecordTimeRules,
  UpgradeFreeze,
  withOfficialDays,
} from '@weibao/plugin-weibao-common';

/*
 * Every setting of `weibao.*` in app-config, read once at start-up. Each reader throws, naming
 * the key and the reason, when a value is malformed, so a bad config stops the backend early.
 */

/** The whole of Weibao's configuration. */
export type WeibaoConfig = {
  calendar: CalendarOptions;
  clocks: ClockConfig;
  record: RecordTimeRules;
  obligations: ObligationConfig;
  upgrades: UpgradeConfig;
};

/** Reads every `weibao.*` setting. */
export function readWeibaoConfig(config: RootConfigService): WeibaoConfig {
  return {
    calendar: readCalendarOptions(config),
    clocks: readClockConfig(config),
    record: readRecordTimeRules(config),
    obligations: readObligationConfig(config),
    upgrades: readUpgradeConfig(config),
  };
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function dates(config: RootConfigService, key: string, path: string): string[] {
  const values = config.getOptionalStringArray(key) ?? [];
  values.forEach((d, i) => {
    if (!DATE.test(d))
      throw new Error(
        `${path}.${key}[${i}]: "${d}" is not a date (YYYY-MM-DD)`,
      );
  });
  return values;
}

/**
 * The operator's calendar settings (`weibao.calendar` in app-config): official days added
 * on top of the chinese-days data, and overrides for every business-day calendar.
 * Throws at start-up, naming the key, when a value is malformed.
 */
export function readCalendarOptions(
  config: RootConfigService,
): CalendarOptions {
  let official = CHINESE_OFFICIAL_DAYS;
  (config.getOptionalConfigArray('weibao.calendar.officialDays') ?? []).forEach(
    (entry, i) => {
      const path = `weibao.calendar.officialDays[${i}]`;
      const years = entry.get<unknown>('years');
      if (
        !Array.isArray(years) ||
        years.length === 0 ||
        !years.every(y => Number.isInteger(y))
      ) {
        throw new Error(
          `${path}.years: must list the years these days complete, e.g. [2027]`,
        );
      }
      official = withOfficialDays(official, {
        years: years as number[],
        holidays: dates(entry, 'holidays', path),
        workdays: dates(entry, 'workdays', path),
        source: entry.getOptionalString('source'),
      });
    },
  );
  const overrides = (
    config.getOptionalConfigArray('weibao.calendar.overrides') ?? []
  ).map((entry, i) => {
    const date = entry.getString('date');
    if (!DATE.test(date)) {
      throw new Error(
        `weibao.calendar.overrides[${i}].date: "${date}" is not a date (YYYY-MM-DD)`,
      );
    }
    return {
      date,
      working: entry.getBoolean('working'),
      reason: entry.getString('reason'),
    };
  });
  return { official, overrides };
}

export type ClockConfig = {
  warningThresholds: number[];
  sweep: SchedulerServiceTaskScheduleDefinition;
  driftCheck: SchedulerServiceTaskScheduleDefinition;
};

/** `weibao.clocks`: warning thresholds and the schedules of the sweep and the drift check. */

export function readClockConfig(config: RootConfigService): ClockConfig {
  const clocks = config.getOptionalConfig('weibao.clocks');
  const thresholds =
    (clocks?.getOptional<number[]>('warningThresholds') as
      | number[]
      | undefined) ?? DEFAULT_WARNING_THRESHOLDS;
  thresholds.forEach((t, i) => {
    if (!(t > 0 && t < 100) || (i > 0 && t <= thresholds[i - 1])) {
      throw new InputError(
        `weibao.clocks.warningThresholds[${i}]: ${t} must be between 0 and 100 and above the one before`,
      );
    }
  });
  return {
    warningThresholds: thresholds,
    sweep: clocks?.has('sweep')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          clocks.getConfig('sweep'),
        )
      : {
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 20 },
        },
    driftCheck: clocks?.has('driftCheck')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          clocks.getConfig('driftCheck'),
        )
      : {
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 2 },
        },
  };
}

/** Schedules the sweep and the drift check once across all backend replicas (global scope). */

/**
 * `weibao.record`: how far back a claimed time may lie (`maxBackdateHours`, default 24) and
 * how far ahead of the server's clock (`clockSkewSeconds`, default 60).
 */

export function readRecordTimeRules(
  config: RootConfigService,
): RecordTimeRules {
  const record = config.getOptionalConfig('weibao.record');
  const hours =
    record?.getOptionalNumber('maxBackdateHours') ??
    DEFAULT_RECORD_TIME_RULES.maxBackdateMs / 3_600_000;
  const skew =
    record?.getOptionalNumber('clockSkewSeconds') ??
    DEFAULT_RECORD_TIME_RULES.clockSkewMs / 1000;
  if (!(hours > 0 && hours <= 24 * 31)) {
    throw new InputError(
      `weibao.record.maxBackdateHours: ${hours} must be above 0 and at most 744 (31 days)`,
    );
  }
  if (!(skew >= 0 && skew <= 600)) {
    throw new InputError(
      `weibao.record.clockSkewSeconds: ${skew} must be between 0 and 600`,
    );
  }
  return { maxBackdateMs: hours * 3_600_000, clockSkewMs: skew * 1000 };
}

export type ObligationConfig = {
  leadTimeMs: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
};

/** `weibao.obligations`: how long ahead the team is told, and the job's schedule. */

export function readObligationConfig(
  config: RootConfigService,
): ObligationConfig {
  const obligations = config.getOptionalConfig('weibao.obligations');
  const days = obligations?.getOptionalNumber('leadTimeDays') ?? 7;
  if (!(days >= 0 && days <= 90)) {
    throw new InputError(
      `weibao.obligations.leadTimeDays: ${days} must be between 0 and 90 days`,
    );
  }
  return {
    leadTimeMs: days * 24 * 60 * 60_000,
    schedule: obligations?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          obligations.getConfig('schedule'),
        )
      : {
          frequency: { minutes: 2 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 15 },
        },
  };
}

/**
 * Schedules the obligations job once across replicas: regenerate the occurrences from the
 * contracts, then tell the teams what comes due and what is overdue.
 */

/**
 * `weibao.upgrades`: declared freezes (major events, health-commission inspections: no upgrades,
 * globally or at one hospital) and how recent a rollback rehearsal must be.
 */
export type UpgradeConfig = {
  freezes: UpgradeFreeze[];
  rehearsalRecencyDays: number;
};

export function readUpgradeConfig(config: RootConfigService): UpgradeConfig {
  const upgrades = config.getOptionalConfig('weibao.upgrades');
  const freezes = (upgrades?.getOptionalConfigArray('freezes') ?? []).map(
    (f, i) => {
      const key = `weibao.upgrades.freezes[${i}]`;
      const from = f.getString('from');
      const to = f.getString('to');
      if (!DATE.test(from) || !DATE.test(to) || to < from) {
        throw new InputError(
          `${key}: from and to must be YYYY-MM-DD dates, from ≤ to`,
        );
      }
      const hospital = f.getOptionalString('hospital');
      return {
        from,
        to,
        reason: f.getString('reason'),
        ...(hospital
          ? {
              hospital: stringifyEntityRef(
                parseEntityRef(hospital, { defaultKind: 'system' }),
              ),
            }
          : {}),
      };
    },
  );
  const rehearsalRecencyDays =
    upgrades?.getOptionalNumber('rehearsalRecencyDays') ?? 90;
  if (!(rehearsalRecencyDays > 0 && rehearsalRecencyDays <= 730)) {
    throw new InputError(
      `weibao.upgrades.rehearsalRecencyDays: ${rehearsalRecencyDays} must be between 1 and 730`,
    );
  }
  return { freezes, rehearsalRecencyDays };
}
