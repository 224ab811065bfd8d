import { createTranslationRef } from '@backstage/frontend-plugin-api';
import { calendarMessages } from './translations/en/calendar';
import { cardsMessages } from './translations/en/cards';
import { certificatesMessages } from './translations/en/certificates';
import { formatMessages } from './translations/en/format';
import { incidentsMessages } from './translations/en/incidents';
import { obligationsMessages } from './translations/en/obligations';
import { pageMessages } from './translations/en/page';
import { teamMessages } from './translations/en/team';
import { upgradesMessages } from './translations/en/upgrades';

/** Every text Weibao shows, in English (the default language). */
export const weibaoMessages = {
  ...formatMessages,
  ...incidentsMessages,
  ...cardsMessages,
  ...upgradesMessages,
  ...teamMessages,
  ...obligationsMessages,
  ...certificatesMessages,
  ...pageMessages,
  ...calendarMessages,
  hospitalSystemsPage: {
    title: 'Hospital systems',
    subtitle: 'Every system your teams maintain, by hospital',
    empty: 'No hospital systems in the catalog yet.',
    columns: {
      hospital: 'Hospital',
      system: 'System',
      type: 'Type',
      product: 'Product',
      owner: 'Team',
    },
    hospitalMissing: 'Hospital {{ref}} is not in the catalog',
  },
  hospitalSystemCard: {
    title: 'Hospital system',
    hospital: 'Hospital',
    type: 'Type',
    product: 'Product',
    productVersion: 'Version',
    manufacturer: 'Manufacturer',
    owner: 'Maintained by',
    unknown: 'Not recorded',
  },
  systemTypes: {
    his: 'Hospital information system (HIS)',
    emr: 'Electronic medical record',
    anesthesia: 'Surgical anaesthesia system',
    ecg: 'ECG / electrophysiology network',
    ca: 'CA digital certificates',
    lis: 'Laboratory information system',
    pacs: 'Imaging (PACS/DICOM)',
    queue: 'Queue calling',
    'knowledge-base': 'Clinical knowledge base',
    'grade-review': 'Hospital grade review',
    'quality-monitoring': 'Single-disease quality monitoring',
    'insurance-interface': 'Medical-insurance interface',
    'insurance-platform': 'DIP/DRG insurance payment supervision',
    icu: 'ICU critical-care system',
    interface: 'Device / system interface',
    hardware: 'Hardware device',
  },
} as const;

/**
 * Weibao's texts; other languages live in ./translations, loaded when chosen.
 *
 * @public
 */
export const weibaoTranslationRef = createTranslationRef({
  id: 'weibao',
  messages: weibaoMessages,
  translations: {
    zh: () => import('./translations/zh'),
  },
});
