/** English texts of the obligations area: card, page, complete and waive (keys under its own top-level names). */
export const obligationsMessages = {} as const;
