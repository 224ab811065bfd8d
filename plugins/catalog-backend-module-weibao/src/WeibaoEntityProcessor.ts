import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  CatalogService,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  checkHospitalSystem,
  ContractRelation,
  describeEntityProblems,
  duplicateContractRefusals,
  EntityProblem,
  fullEntityRef,
  isMaintenanceContractEntity,
  MaintenanceContractEntityV1alpha1,
  maintenanceContractRelations,
  RELATION_CONTRACT_WITH,
  RELATION_COVERED_BY,
  RELATION_COVERS,
  validateMaintenanceContract,
} from '@weibao/plugin-weibao-common';

/**
 * Teaches the catalog Weibao's model and reports what is wrong as processing errors on the
 * entity, each naming the field and the reason:
 *
 * - `MaintenanceContract` (weibao.io/v1alpha1): validated (schema and rules), related both
 *   ways to the systems it covers, its hospital, its vendor and its owning team; its hospital
 *   and covered systems must be in the catalog, and each covered system must belong to the
 *   contract's hospital.
 * - hospital-system Components: must name their hospital.
 *
 * **Duplicate contracts** (issue 14). Two contracts covering one system over overlapping dates
 * and starting the same day are a duplicate. Exactly one of them is accepted, by an explicit
 * priority that depends only on the contracts: the one whose entity reference sorts first
 * (`compareContractRefs` of `@weibao/plugin-weibao-common`); every other is refused with an error
 * on `spec.period` naming both. Whichever is processed first, and whether they arrive one after
 * the other or in one batch, the outcome is the same once processing settles. Refusing only the
 * later-sorting one, rather than both, keeps one contract that applies without error, and it is
 * the one the backend's `coveringContractAt` takes for a tie anyway; refusing both would leave,
 * after a batch load, two contracts both serving the terms of their first pass and both in
 * error, and after a one-by-one load one clean and one refused, so the outcome would depend on
 * timing. The other contracts are found in two ways: by the catalog's search index
 * (`kind=MaintenanceContract` with `relations.covers` one of the covered systems) and through
 * the covered systems' `coveredBy` relations. Neither sees a contract that the catalog has not
 * stitched yet, so two duplicates processed in one batch can both pass on that first pass; the
 * later-sorting one is refused on the next (it then keeps the terms of that first pass, like any
 * contract whose update is refused, and the backend still applies the first).
 *
 * The rules are pure functions of `@weibao/plugin-weibao-common`; this class connects them to
 * the catalog's processing loop and looks up the referenced entities.
 *
 * @public
 */
export class WeibaoEntityProcessor implements CatalogProcessor {
  constructor(
    private readonly options: { catalog: CatalogService; auth: AuthService },
  ) {}

  getProcessorName(): string {
    return 'WeibaoEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isMaintenanceContractEntity(entity)) {
      return false;
    }
    const result = validateMaintenanceContract(entity);
    if (!result.valid) {
      throw new InputError(describeEntityProblems(entity, result.problems));
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const problems = isMaintenanceContractEntity(entity)
      ? await this.processContract(entity, emit)
      : checkHospitalSystem(entity);
    if (problems.length > 0) {
      emit(
        processingResult.inputError(
          location,
          describeEntityProblems(entity, problems),
        ),
      );
    }
    return entity;
  }

  private async processContract(
    contract: MaintenanceContractEntityV1alpha1,
    emit: CatalogProcessorEmit,
  ): Promise<EntityProblem[]> {
    const self = {
      kind: contract.kind,
      namespace: contract.metadata.namespace ?? 'default',
      name: contract.metadata.name,
    };
    const relations = maintenanceContractRelations(contract);
    for (const { type, reverseType, targetRef } of relations) {
      const target = parseEntityRef(targetRef);
      emit(processingResult.relation({ source: self, type, target }));
      emit(
        processingResult.relation({
          source: target,
          type: reverseType,
          target: self,
        }),
      );
    }
    const { problems, otherContractRefs } = await this.checkReferencedEntities(
      contract,
      relations,
    );
    const coveredRefs = relations
      .filter(r => r.type === RELATION_COVERS)
      .map(r => r.targetRef);
    return [
      ...problems,
      ...(await this.checkOverlaps(contract, coveredRefs, otherContractRefs)),
    ];
  }

  /**
   * Other contracts covering one of its systems over the same dates and starting the same day
   * are a duplicate: of duplicates, the one whose reference sorts first is accepted and the
   * others are refused, naming both (a renewal starting another day is accepted; the contract
   * that started last covers the system from its first day). See the class comment.
   */
  private async checkOverlaps(
    contract: MaintenanceContractEntityV1alpha1,
    coveredRefs: string[],
    coveredByRefs: string[],
  ): Promise<EntityProblem[]> {
    if (!coveredRefs.length) return [];
    const selfRef = stringifyEntityRef(contract);
    const credentials = await this.options.auth.getOwnServiceCredentials();
    // the contracts the search index says cover one of the systems…
    const { items: indexed } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'MaintenanceContract',
          'relations.covers': coveredRefs,
        },
      },
      { credentials },
    );
    // …and those the systems say cover them, in case one is not indexed under the other
    const seen = new Set(indexed.map(e => stringifyEntityRef(e)));
    const missing = coveredByRefs.filter(ref => !seen.has(ref));
    const { items: related } = missing.length
      ? await this.options.catalog.getEntitiesByRefs(
          { entityRefs: missing },
          { credentials },
        )
      : { items: [] };
    const others = [...indexed, ...related].filter(
      (e): e is MaintenanceContractEntityV1alpha1 =>
        Boolean(e) &&
        isMaintenanceContractEntity(e!) &&
        stringifyEntityRef(e!) !== selfRef,
    );
    return duplicateContractRefusals(contract, others).map(o => ({
      field: 'spec.period',
      reason: o.reason,
    }));
  }

  /** The hospital and every covered system must exist, and the systems be the hospital's. */
  private async checkReferencedEntities(
    contract: MaintenanceContractEntityV1alpha1,
    relations: ContractRelation[],
  ): Promise<{ problems: EntityProblem[]; otherContractRefs: string[] }> {
    const selfRef = stringifyEntityRef(contract);
    const hospitalRef = relations.find(
      r => r.type === RELATION_CONTRACT_WITH,
    )!.targetRef;
    const coveredRefs = relations
      .filter(r => r.type === RELATION_COVERS)
      .map(r => r.targetRef);
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: [hospitalRef, ...coveredRefs],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'spec.system',
          'relations',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const [hospital, ...covered] = items;
    const problems: EntityProblem[] = [];
    // the other contracts covering these systems, through their coveredBy relations
    const otherContractRefs = [
      ...new Set(
        covered.flatMap(system =>
          (system?.relations ?? [])
            .filter(r => r.type === RELATION_COVERED_BY)
            .map(r => r.targetRef)
            .filter(ref => ref !== selfRef),
        ),
      ),
    ];
    if (!hospital) {
      problems.push({
        field: 'spec.hospital',
        reason: `${hospitalRef} is not in the catalog`,
      });
    }
    covered.forEach((system, i) => {
      const field = `spec.covers[${i}]`;
      if (!system) {
        problems.push({
          field,
          reason: `${coveredRefs[i]} is not in the catalog`,
        });
        return;
      }
      const systemHospital = system.spec?.system
        ? fullEntityRef(
            String(system.spec.system),
            'system',
            system.metadata.namespace,
          )
        : undefined;
      if (systemHospital !== hospitalRef) {
        problems.push({
          field,
          reason: `${coveredRefs[i]} belongs to ${
            systemHospital ?? 'no hospital'
          }, not to the contract's hospital ${hospitalRef}`,
        });
      }
    });
    return { problems, otherContractRefs };
  }
}
