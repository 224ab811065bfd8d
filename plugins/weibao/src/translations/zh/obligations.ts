/** 简体中文 for translations/en/obligations.ts: the same keys, flattened with dots. */
export const obligationsZh = {};
