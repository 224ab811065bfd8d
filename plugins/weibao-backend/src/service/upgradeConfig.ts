import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { UpgradeFreeze } from '@weibao/plugin-weibao-common';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `weibao.upgrades`: declared freezes (major events, health-commission inspections: no upgrades,
 * globally or at one hospital) and how recent a rollback rehearsal must be.
 */
export function readUpgradeConfig(config: RootConfigService): {
  freezes: UpgradeFreeze[];
  rehearsalRecencyDays: number;
} {
  const upgrades = config.getOptionalConfig('weibao.upgrades');
  const freezes = (upgrades?.getOptionalConfigArray('freezes') ?? []).map(
    (f, i) => {
      const key = `weibao.upgrades.freezes[${i}]`;
      const from = f.getString('from');
      const to = f.getString('to');
      if (!DATE.test(from) || !DATE.test(to) || to < from) {
        throw new InputError(
          `${key}: from and to must be YYYY-MM-DD dates, from ≤ to`,
        );
      }
      const hospital = f.getOptionalString('hospital');
      return {
        from,
        to,
        reason: f.getString('reason'),
        ...(hospital
          ? {
              hospital: stringifyEntityRef(
                parseEntityRef(hospital, { defaultKind: 'system' }),
              ),
            }
          : {}),
      };
    },
  );
  const rehearsalRecencyDays =
    upgrades?.getOptionalNumber('rehearsalRecencyDays') ?? 90;
  if (!(rehearsalRecencyDays > 0 && rehearsalRecencyDays <= 730)) {
    throw new InputError(
      `weibao.upgrades.rehearsalRecencyDays: ${rehearsalRecencyDays} must be between 1 and 730`,
    );
  }
  return { freezes, rehearsalRecencyDays };
}
