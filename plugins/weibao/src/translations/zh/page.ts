/** 简体中文 for translations/en/page.ts: the same keys, flattened with dots. */
export const pageZh = {};
