/** 简体中文 for translations/en/upgrades.ts: the same keys, flattened with dots. */
export const upgradesZh = {};
