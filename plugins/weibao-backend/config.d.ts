import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  weibao?: {
    calendar?: {
      /**
       * Official days the chinese-days data does not have yet, e.g. next year's arrangement as
       * soon as the State Council publishes it. Listed years count as published.
       */
      officialDays?: Array<{
        years: number[];
        /** Days off, YYYY-MM-DD. */
        holidays?: string[];
        /** Make-up workdays (调休), YYYY-MM-DD. */
        workdays?: string[];
        /** Where the days come from, e.g. the notice's number; kept in calendar versions. */
        source?: string;
      }>;
      /** Days that differ for every business-day calendar, e.g. a regional closure. */
      overrides?: Array<{ date: string; working: boolean; reason: string }>;
    };
    obligations?: {
      /** Days before its due time that an occurrence counts as due and the team is told. Default 7. */
      leadTimeDays?: number;
      /** Schedule of the obligations job (regenerate, notify). Default every 2 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    upgrades?: {
      /** Days when no upgrade may run (major events), for every hospital or one. */
      freezes?: Array<{
        /** YYYY-MM-DD, inclusive. */
        from: string;
        /** YYYY-MM-DD, inclusive. */
        to: string;
        reason: string;
        /** A System entity ref; every hospital when absent. */
        hospital?: string;
      }>;
      /** How recent a passed rollback drill must be for the rehearsal gate. Default 90. */
      rehearsalRecencyDays?: number;
    };
    record?: {
      /**
       * How far back (hours) the time an incident report or action claims (`reportedAt`,
       * `occurredAt`, an action's `at`) may lie before the time it is entered; older reports
       * need an administrator's back-fill (`backfill: { reason }`). Default 24.
       */
      maxBackdateHours?: number;
      /** How far ahead (seconds) of the server's clock a claimed time may lie. Default 60. */
      clockSkewSeconds?: number;
    };
    clocks?: {
      /**
       * Percentages of a clock's target at which the owning team is warned, ascending; the
       * last one marks a clock "at risk". Default [50, 75].
       */
      warningThresholds?: number[];
      /** Schedule of the clock sweep (warnings, breaches, escalation). Default every minute. */
      sweep?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Schedule of the drift check that replays timelines. Default hourly. */
      driftCheck?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
