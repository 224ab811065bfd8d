/** 简体中文 for translations/en/certificates.ts: the same keys, flattened with dots. */
export const certificatesZh = {};
