import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  acceptanceProblem,
  ContractStanding,
  DEFAULT_TIME_ZONE,
  isMaintenanceContractEntity,
  MaintenanceContractEntityV1alpha1,
} from '@weibao/plugin-weibao-common';
import { DateTime } from 'luxon';
import type { WeibaoContext } from '../../context';
import type { ContractAcceptance } from '../../database/contracts/ContractAcceptanceStore';
import {
  ContractReadFilters,
  contractStanding,
  STANDING_KINDS,
} from './contractStanding';

/**
 * Maintenance contracts as Weibao keeps them beside the catalog: their standing (period, in
 * force, penalty exposure, duties) and the final acceptance (终验) that starts a contract
 * running from it.
 */
export class ContractService {
  constructor(
    private readonly ctx: Pick<
      WeibaoContext,
      'catalog' | 'incidents' | 'obligations' | 'acceptances' | 'now'
    >,
  ) {}

  /** The entity a standing is asked of: a MaintenanceContract or a Component, else a 400. */
  static checkStandingKind(entityRef: CompoundEntityRef): CompoundEntityRef {
    const kind = entityRef.kind.toLocaleLowerCase('en-US');
    if (!STANDING_KINDS.includes(kind)) {
      throw new InputError(
        `entityRef: ${stringifyEntityRef(
          entityRef,
        )} is a ${kind}; give a MaintenanceContract or a Component`,
      );
    }
    return entityRef;
  }

  /** A contract, or for a Component the contract covering it today. */
  async standing(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
    filters: ContractReadFilters,
  ): Promise<ContractStanding> {
    const { catalog, incidents, obligations, acceptances } = this.ctx;
    return contractStanding(
      {
        catalog,
        incidents: incidents.store,
        obligations: {
          store: obligations.store,
          leadTimeMs: obligations.service.leadTimeMs,
        },
        acceptances,
      },
      credentials,
      entityRef,
      this.ctx.now(),
      filters,
    );
  }

  /** The contract a route names, from the catalog: 404 when it holds no such contract. */
  async contract(
    params: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<MaintenanceContractEntityV1alpha1> {
    const contractRef = stringifyEntityRef({
      kind: 'MaintenanceContract',
      ...params,
    });
    const contract = await this.ctx.catalog.getEntityByRef(contractRef, {
      credentials,
    });
    if (!contract || !isMaintenanceContractEntity(contract)) {
      throw new NotFoundError(
        `contractRef: ${contractRef} is not a MaintenanceContract in the catalog`,
      );
    }
    return contract;
  }

  /**
   * Records the final acceptance of a contract that runs from it: the day given (not after
   * today, in the hospital's time zone), who and when. Append-only: a second one is a 409.
   */
  async recordAcceptance(
    contract: MaintenanceContractEntityV1alpha1,
    input: { acceptedOn: string; note?: string },
    recordedBy: string,
  ): Promise<ContractAcceptance> {
    const at = this.ctx.now();
    const today = DateTime.fromMillis(at, {
      zone: DEFAULT_TIME_ZONE,
    }).toISODate()!;
    const problem = acceptanceProblem(
      contract.spec.period,
      input.acceptedOn,
      today,
    );
    if (problem) {
      const message = `${problem.field}: ${problem.reason}`;
      throw problem.conflict
        ? new ConflictError(message)
        : new InputError(message);
    }
    const acceptance: ContractAcceptance = {
      contractRef: stringifyEntityRef(contract),
      acceptedOn: input.acceptedOn,
      ...(input.note ? { note: input.note } : {}),
      recordedBy,
      recordedAt: at,
    };
    await this.ctx.acceptances.record(acceptance);
    return acceptance;
  }
}
