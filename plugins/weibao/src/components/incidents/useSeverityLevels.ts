import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { weibaoApiRef } from '../../api';
import { backendMessage } from '../../lib/forms';

/** A level a form offers: its number and, from the contract, its name. */
export type SeverityOption = { level: number; name: string | null };

/** DOMAIN.md's four levels, for a system no contract covers: numbers without names. */
export const UNNAMED_LEVELS: SeverityOption[] = [1, 2, 3, 4].map(level => ({
  level,
  name: null,
}));

/**
 * The severity levels of the contract covering a hospital system (one call,
 * getContractStanding), read only while `enabled` (e.g. while a dialog is open). With no
 * covering contract, or when it cannot be read, levels 1–4 without names and why.
 */
export function useSeverityLevels(systemRef: string, enabled: boolean) {
  const api = useApi(weibaoApiRef);
  const { value, loading, error } = useAsync(async () => {
    if (!enabled) return undefined;
    return api.getContractStanding(systemRef);
  }, [api, systemRef, enabled]);

  const contract = value?.contract;
  const levels: SeverityOption[] = contract
    ? [...contract.spec.severityLevels]
        .sort((a, b) => a.level - b.level)
        .map(l => ({ level: l.level, name: l.name }))
    : UNNAMED_LEVELS;
  return {
    levels,
    loading: enabled && loading,
    /** Set when no contract covers the system. */
    noContractReason: value && !contract ? value.reason ?? '' : undefined,
    /** Set when the contract could not be read. */
    errorMessage: error ? backendMessage(error) : undefined,
  };
}
