import fs from 'node:fs';
import path from 'node:path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  fullEntityRef,
  isMaintenanceContractEntity,
  maintenanceContractRelations,
} from '@weibao/plugin-weibao-common';
import { parseAllDocuments } from 'yaml';

// test-support is never built: its sources run from the repository
// eslint-disable-next-line no-restricted-syntax
const examples = path.resolve(__dirname, '../../../examples');

/**
 * The entities of `examples/` as the catalog serves them once processed: with namespaces and
 * the relations the catalog (and our catalog module) would emit, for tests and benchmarks that
 * use an in-memory catalog.
 */
export function exampleCatalog(
  options: {
    /**
     * Sets every contract's `spec.trackingStart`: tests written over a whole contract year track
     * it from its first day (the example portal tracks from when it first sees a contract).
     */
    trackingStart?: string;
  } = {},
): Entity[] {
  const entities: Entity[] = ['org.yaml', 'hospitals.yaml', 'contracts.yaml']
    .flatMap(file =>
      parseAllDocuments(fs.readFileSync(path.join(examples, file), 'utf8')),
    )
    .map(doc => doc.toJSON() as Entity)
    .filter(e => e && e.kind !== 'Location')
    .map(e => ({
      ...e,
      metadata: { namespace: 'default', ...e.metadata },
      ...(options.trackingStart && e.kind === 'MaintenanceContract'
        ? { spec: { ...e.spec, trackingStart: options.trackingStart } }
        : {}),
      relations: [],
    }));
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const relate = (from: Entity, type: string, targetRef: string) =>
    from.relations!.push({ type, targetRef });
  for (const e of entities) {
    const owner = e.spec?.owner;
    if (typeof owner === 'string') {
      relate(e, 'ownedBy', fullEntityRef(owner, 'group'));
    }
    if (isMaintenanceContractEntity(e)) {
      for (const r of maintenanceContractRelations(e)) {
        if (r.type === 'ownedBy') continue;
        relate(e, r.type, r.targetRef);
        const target = byRef.get(r.targetRef);
        if (target) relate(target, r.reverseType, stringifyEntityRef(e));
      }
    }
  }
  return entities;
}
