import { calendarZh } from './zh/calendar';
import { cardsZh } from './zh/cards';
import { certificatesZh } from './zh/certificates';
import { formatZh } from './zh/format';
import { incidentsZh } from './zh/incidents';
import { obligationsZh } from './zh/obligations';
import { pageZh } from './zh/page';
import { teamZh } from './zh/team';
import { upgradesZh } from './zh/upgrades';

/**
 * 简体中文. Every key of weibaoTranslationRef must be here: the ref's type checks it.
 */
const zh = {
  ...formatZh,
  ...incidentsZh,
  ...cardsZh,
  ...upgradesZh,
  ...teamZh,
  ...obligationsZh,
  ...certificatesZh,
  ...pageZh,
  ...calendarZh,
  'hospitalSystemsPage.title': '医院系统',
  'hospitalSystemsPage.subtitle': '各团队维保的全部院内系统(按医院)',
  'hospitalSystemsPage.empty': '目录中还没有医院系统。',
  'hospitalSystemsPage.columns.hospital': '医院',
  'hospitalSystemsPage.columns.system': '系统',
  'hospitalSystemsPage.columns.type': '类型',
  'hospitalSystemsPage.columns.product': '产品',
  'hospitalSystemsPage.columns.owner': '维保团队',
  'hospitalSystemsPage.hospitalMissing': '目录中没有医院 {{ref}}',
  'hospitalSystemCard.title': '院内系统',
  'hospitalSystemCard.hospital': '医院',
  'hospitalSystemCard.type': '类型',
  'hospitalSystemCard.product': '产品',
  'hospitalSystemCard.productVersion': '版本',
  'hospitalSystemCard.manufacturer': '厂商',
  'hospitalSystemCard.owner': '维保团队',
  'hospitalSystemCard.unknown': '未登记',
  'systemTypes.his': '医院信息系统 (HIS)',
  'systemTypes.emr': '电子病历系统',
  'systemTypes.anesthesia': '手术麻醉系统',
  'systemTypes.ecg': '心电网络系统',
  'systemTypes.ca': 'CA 数字认证系统',
  'systemTypes.lis': '检验信息系统',
  'systemTypes.pacs': '影像归档和通信系统',
  'systemTypes.queue': '排队叫号系统',
  'systemTypes.knowledge-base': '临床诊疗知识库',
  'systemTypes.grade-review': '等级评审系统',
  'systemTypes.quality-monitoring': '单病种质量监测',
  'systemTypes.insurance-interface': '医保接口',
  'systemTypes.insurance-platform': 'DIP/DRG 医保支付监管平台',
  'systemTypes.icu': '重症监护系统',
  'systemTypes.interface': '接口',
  'systemTypes.hardware': '硬件设备',
};

export default zh;
