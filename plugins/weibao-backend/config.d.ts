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
  };
}
