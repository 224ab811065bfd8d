/** 简体中文 for translations/en/page.ts: the same keys, flattened with dots. */
export const pageZh = {
  'page.title': '维保 Weibao',
  'page.subtitle': '维保合同下的院内系统:计时、事项、升级',
  'page.tabs.team': '我的团队',
  'page.tabs.incidents': '故障',
  'page.tabs.duties': '周期性义务',
  'page.tabs.systems': '医院系统',
  'page.back': '返回维保',
};
