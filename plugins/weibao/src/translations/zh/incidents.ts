/** 简体中文 for translations/en/incidents.ts: the same keys, flattened with dots. */
export const incidentsZh = {};
