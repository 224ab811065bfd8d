/** English texts of the team area (keys under its own top-level names). */
export const teamMessages = {} as const;
