import type { ObligationKind } from '../contract/types';

// every kind once: the compiler refuses a missing or unknown one
const KINDS: Record<ObligationKind, true> = {
  inspection: true,
  'performance-evaluation': true,
  'health-check': true,
  drill: true,
  backup: true,
  'security-audit': true,
  'return-visit': true,
  communication: true,
  training: true,
  'data-migration': true,
  'incident-review': true,
  'holiday-duty-notice': true,
  'maintenance-report': true,
  'certificate-renewal': true,
};

/**
 * The kinds of recurring obligation a contract may name, e.g. for a filter's allowed values.
 *
 * @public
 */
export const OBLIGATION_KINDS = Object.keys(KINDS) as ObligationKind[];
