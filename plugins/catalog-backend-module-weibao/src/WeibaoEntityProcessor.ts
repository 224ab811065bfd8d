import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  checkHospitalSystem,
  describeEntityProblems,
} from '@weibao/plugin-weibao-common';

/**
 * Checks the hospital-system Components Weibao relies on, and reports what is wrong
 * as catalog processing errors on the entity, each naming the field and the reason.
 *
 * The rules themselves live in `@weibao/plugin-weibao-common` (pure, tested there);
 * this class only connects them to the catalog's processing loop.
 *
 * @public
 */
export class WeibaoEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'WeibaoEntityProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const problems = checkHospitalSystem(entity);
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
}
