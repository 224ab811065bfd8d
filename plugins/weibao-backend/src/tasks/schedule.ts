import {
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_RECORD_TIME_RULES,
  DEFAULT_WARNING_THRESHOLDS,
  RecordTimeRules,
} from '@weibao/plugin-weibao-common';
import type { ClockSweep } from './clockSweep';
import type { ObligationService } from '../services/obligations/ObligationService';
import type { ObligationNotices } from './obligationNotices';

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
export async function scheduleClockTasks(options: {
  scheduler: SchedulerService;
  config: ClockConfig;
  sweep: ClockSweep;
}) {
  const { scheduler, config, sweep } = options;
  await scheduler.scheduleTask({
    id: 'weibao-clock-sweep',
    scope: 'global',
    ...config.sweep,
    fn: async () => {
      await sweep.run();
    },
  });
  await scheduler.scheduleTask({
    id: 'weibao-clock-drift-check',
    scope: 'global',
    ...config.driftCheck,
    fn: async () => {
      await sweep.checkDrift();
    },
  });
}

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
export async function scheduleObligationTasks(options: {
  scheduler: SchedulerService;
  config: ObligationConfig;
  service: ObligationService;
  notices: ObligationNotices;
}) {
  await options.scheduler.scheduleTask({
    id: 'weibao-obligations',
    scope: 'global',
    ...options.config.schedule,
    fn: async () => {
      await options.service.syncAll();
      await options.notices.run();
    },
  });
}
