/** 简体中文 for translations/en/team.ts: the same keys, flattened with dots. */
export const teamZh = {};
