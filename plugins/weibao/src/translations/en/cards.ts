/** English texts of the cards area (keys under its own top-level names). */
export const cardsMessages = {} as const;
