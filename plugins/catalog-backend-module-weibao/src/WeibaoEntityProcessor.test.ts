import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import {
  isMaintenanceContractEntity,
  MaintenanceContractEntityV1alpha1,
  maintenanceContractRelations,
} from '@weibao/plugin-weibao-common';
import { exampleCatalog } from '@weibao/test-support';
import { WeibaoEntityProcessor } from './WeibaoEntityProcessor';

/*
 * Issue 14: two contracts covering one system over the same dates. A duplicate (same start) is
 * refused naming the other; a renewal signed before the old contract ends (another start) is
 * accepted, and the one that started last covers the system from its first day
 * (weibao-common's coveringContractAt, tested there).
 */

const location = { type: 'file', target: 'contracts.yaml' };

function chongzuo(): MaintenanceContractEntityV1alpha1 {
  const entity = exampleCatalog().find(
    e => e.metadata.name === 'chongzuo-mch-2026',
  )!;
  if (!isMaintenanceContractEntity(entity)) throw new Error('not a contract');
  const { relations: _relations, ...rest } = entity;
  return structuredClone(rest) as MaintenanceContractEntityV1alpha1;
}

async function process(
  contract: MaintenanceContractEntityV1alpha1,
  entities = exampleCatalog(),
) {
  const processor = new WeibaoEntityProcessor({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
  });
  const errors: string[] = [];
  await processor.postProcessEntity(
    contract,
    location,
    (result: CatalogProcessorResult) => {
      if (result.type === 'error') errors.push(result.error.message);
    },
  );
  return errors;
}

describe('overlapping contracts', () => {
  it('refuses a copy starting the same day, naming both contracts and the shared systems', async () => {
    const copy = chongzuo();
    copy.metadata.name = 'chongzuo-mch-2026-copy';
    copy.spec.contractNumber = 'GXCZ-2026-001-B';
    copy.spec.covers = ['zlhis-chongzuo', 'queue-chongzuo'];
    expect(await process(copy)).toEqual([
      'maintenancecontract:default/chongzuo-mch-2026-copy: spec.period: maintenancecontract:default/chongzuo-mch-2026-copy and maintenancecontract:default/chongzuo-mch-2026 both cover component:default/zlhis-chongzuo, component:default/queue-chongzuo from 2026-03-02: two contracts starting the same day over the same dates are a duplicate, and of duplicates only the one whose reference sorts first is accepted, so maintenancecontract:default/chongzuo-mch-2026 applies and maintenancecontract:default/chongzuo-mch-2026-copy is refused; remove one, or start the renewal on another day (from its first day the contract that started last covers the system)',
    ]);
  });

  it('accepts a renewal signed before the old contract ends', async () => {
    const renewal = chongzuo();
    renewal.metadata.name = 'chongzuo-mch-2027';
    renewal.spec.contractNumber = 'GXCZ-2027-001';
    renewal.spec.period = { start: '2027-01-01', end: '2027-12-31' };
    expect(await process(renewal)).toEqual([]);
  });

  it('accepts the contract itself, processed again', async () => {
    expect(await process(chongzuo())).toEqual([]);
  });
});

describe('duplicates loaded together (issue 14)', () => {
  /** A copy of the Chongzuo contract starting the same day, under another name. */
  function copyNamed(name: string) {
    const copy = chongzuo();
    copy.metadata.name = name;
    copy.spec.contractNumber = `GXCZ-2026-001-${name}`;
    return copy;
  }
  /** The contract as the catalog serves it once stitched: with its own relations. */
  function served(contract: MaintenanceContractEntityV1alpha1) {
    return {
      ...contract,
      metadata: { namespace: 'default', ...contract.metadata },
      relations: maintenanceContractRelations(contract).map(r => ({
        type: r.type,
        targetRef: r.targetRef,
      })),
    };
  }
  /** The example catalog before the systems were stitched with any coveredBy relation. */
  function withoutCoveredBy(extra: MaintenanceContractEntityV1alpha1[]) {
    return [
      ...exampleCatalog().map(e => ({
        ...e,
        relations: (e.relations ?? []).filter(r => r.type !== 'coveredBy'),
      })),
      ...extra.map(served),
    ];
  }

  it('finds the other contract through the search index when no system says it is covered yet', async () => {
    const copy = copyNamed('chongzuo-mch-2026-copy');
    const errors = await process(copy, withoutCoveredBy([]));
    expect(errors).toEqual([
      expect.stringMatching(
        /^maintenancecontract:default\/chongzuo-mch-2026-copy: spec\.period: .* so maintenancecontract:default\/chongzuo-mch-2026 applies and maintenancecontract:default\/chongzuo-mch-2026-copy is refused/,
      ),
    ]);
  });

  it('accepts the duplicate whose reference sorts first, whichever is in the catalog already', async () => {
    // a copy named to sort first is the one accepted; the example contract is then refused
    const first = copyNamed('chongzuo-mch-2025-copy');
    expect(await process(first, withoutCoveredBy([]))).toEqual([]);
    expect(await process(chongzuo(), withoutCoveredBy([first]))).toEqual([
      expect.stringMatching(
        /^maintenancecontract:default\/chongzuo-mch-2026: spec\.period: maintenancecontract:default\/chongzuo-mch-2026 and maintenancecontract:default\/chongzuo-mch-2025-copy both cover .* so maintenancecontract:default\/chongzuo-mch-2025-copy applies and maintenancecontract:default\/chongzuo-mch-2026 is refused/,
      ),
    ]);
  });

  it('refuses a copy once, even when both the index and the coveredBy relations find the other', async () => {
    expect(
      await process(copyNamed('chongzuo-mch-2026-copy'), exampleCatalog()),
    ).toHaveLength(1);
  });
});
