/** English texts of the incidents area (keys under its own top-level names). */
export const incidentsMessages = {} as const;
