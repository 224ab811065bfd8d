/** English texts of the upgrades area (keys under its own top-level names). */
export const upgradesMessages = {} as const;
