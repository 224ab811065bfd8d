/** English texts of the Weibao page's frame: header, tabs, entity tabs. */
export const pageMessages = {} as const;
