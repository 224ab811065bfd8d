import { SchedulerService } from '@backstage/backend-plugin-api';
import type { ClockConfig, ObligationConfig } from '../config';
import type { ClockSweep } from './clockSweep';
import type { ObligationService } from '../services/obligations/ObligationService';
import type { ObligationNotices } from './obligationNotices';

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
