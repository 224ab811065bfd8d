export interface Config {
  weibao?: {
    permission?: {
      /**
       * Users or groups (entity refs, short forms allowed: `vendor`, `user:zhang.wei`)
       * allowed everything, e.g. the vendor's portal administrators.
       */
      admins?: string[];
    };
  };
}
