/** English texts of the certificate register (keys under its own top-level names). */
export const certificatesMessages = {} as const;
