/**
 * The vocabulary of hospital-system types for `Component.spec.type`.
 *
 * A Component whose `spec.type` is one of these is a hospital system (院内信息系统):
 * one installed product at one hospital, which Weibao maintains. Any other type is an
 * ordinary Backstage component and Weibao leaves it alone.
 *
 * | type                  | what it is                                   | 中文                 |
 * |-----------------------|----------------------------------------------|----------------------|
 * | `his`                 | hospital information system (e.g. ZLHIS)     | 医院信息系统         |
 * | `emr`                 | electronic medical record                    | 电子病历系统         |
 * | `anesthesia`          | surgical anaesthesia (e.g. SmartAnes)        | 手术麻醉系统         |
 * | `ecg`                 | ECG / electrophysiology network (aECG-Net)   | 心电网络系统         |
 * | `ca`                  | CA digital certificates, USB keys, e-seals   | CA 数字认证系统      |
 * | `lis`                 | laboratory information system                | 检验信息系统         |
 * | `pacs`                | imaging, PACS/DICOM                          | 影像归档和通信系统   |
 * | `queue`               | queue calling                                | 排队叫号系统         |
 * | `knowledge-base`      | clinical knowledge base                      | 临床诊疗知识库       |
 * | `grade-review`        | hospital grade review                        | 等级评审系统         |
 * | `quality-monitoring`  | single-disease quality monitoring            | 单病种质量监测       |
 * | `insurance-interface` | medical-insurance interface                  | 医保接口             |
 * | `insurance-platform`  | DIP/DRG insurance payment supervision        | 医保支付监管平台     |
 * | `icu`                 | ICU critical-care system                     | 重症监护系统         |
 * | `interface`           | a device or system interface (LIS, DICOM…)   | 接口                 |
 * | `hardware`            | a hardware device in the asset ledger        | 硬件设备             |
 *
 * Display names in English and Chinese live in the frontend's translations.
 *
 * @public
 */
export const HOSPITAL_SYSTEM_TYPES = [
  'his',
  'emr',
  'anesthesia',
  'ecg',
  'ca',
  'lis',
  'pacs',
  'queue',
  'knowledge-base',
  'grade-review',
  'quality-monitoring',
  'insurance-interface',
  'insurance-platform',
  'icu',
  'interface',
  'hardware',
] as const;

/**
 * One of the hospital-system types.
 *
 * @public
 */
export type HospitalSystemType = (typeof HOSPITAL_SYSTEM_TYPES)[number];

const TYPES: ReadonlySet<string> = new Set(HOSPITAL_SYSTEM_TYPES);

/**
 * Whether a `spec.type` value names a hospital system.
 *
 * @public
 */
export function isHospitalSystemType(
  type: unknown,
): type is HospitalSystemType {
  return typeof type === 'string' && TYPES.has(type);
}
