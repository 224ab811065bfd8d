import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import {
  isMaintenanceContractEntity,
  MaintenanceContractEntityV1alpha1,
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

async function process(contract: MaintenanceContractEntityV1alpha1) {
  const processor = new WeibaoEntityProcessor({
    catalog: catalogServiceMock({ entities: exampleCatalog() }),
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
      'maintenancecontract:default/chongzuo-mch-2026-copy: spec.period: maintenancecontract:default/chongzuo-mch-2026-copy and maintenancecontract:default/chongzuo-mch-2026 both cover component:default/zlhis-chongzuo, component:default/queue-chongzuo from 2026-03-02: two contracts starting the same day over the same dates are a duplicate, so neither is accepted; remove one, or start the renewal on another day (from its first day the contract that started last covers the system)',
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
