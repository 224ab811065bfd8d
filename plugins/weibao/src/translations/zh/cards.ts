/** 简体中文 for translations/en/cards.ts: the same keys, flattened with dots. */
export const cardsZh = {};
