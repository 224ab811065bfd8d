/*
 * The synthetic catalog of bench/incident-health.ts: hospital systems (Components) in
 * hospitals (Systems) of eight systems each, hospitals spread over provinces (Domains), each
 * province served by one after-sales team (Group) under the vendor's organisation, and the
 * entity provider that hands them to the real catalog as one full mutation.
 */
import { performance } from 'node:perf_hooks';
import {
  Entity,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { HOSPITAL_SYSTEM_TYPES } from '@weibao/plugin-weibao-common';

/** A small seeded generator (mulberry32), so every run builds the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROVINCES = [
  'guangxi',
  'guangdong',
  'yunnan',
  'guizhou',
  'hunan',
  'hubei',
  'sichuan',
  'jiangxi',
  'fujian',
  'hainan',
];

const MANAGED = 'bench:incident-health';

/** Hospital systems of one hospital: this many Components per System. */
const SYSTEMS_PER_HOSPITAL = 8;

export type BenchCatalog = {
  /** Everything the entity provider emits. */
  entities: Entity[];
  /** The hospital systems (Components), by index. */
  systems: Array<{
    name: string;
    ref: string;
    hospitalRef: string;
    ownerRef: string;
  }>;
};

function annotated(entity: Entity): Entity {
  return {
    ...entity,
    metadata: {
      namespace: 'default',
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [ANNOTATION_LOCATION]: MANAGED,
        [ANNOTATION_ORIGIN_LOCATION]: MANAGED,
      },
    },
  };
}

/**
 * `count` hospital systems (Components) spread over hospitals (Systems) of eight systems each,
 * hospitals spread over provinces (Domains), each province served by one after-sales team
 * (Group) under the vendor's organisation Group.
 */
export function benchCatalog(count: number): BenchCatalog {
  const next = random(20261122);
  const entities: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'vendor', title: '维保服务商' },
      spec: {
        type: 'organization',
        children: PROVINCES.map(p => `aftersales-${p}`),
      },
    },
  ];
  for (const p of PROVINCES) {
    entities.push(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: `aftersales-${p}`, title: `售后服务部(${p})` },
        spec: { type: 'team', parent: 'vendor', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: { name: p, title: p },
        spec: { owner: 'vendor' },
      },
    );
  }
  const systems: BenchCatalog['systems'] = [];
  const hospitals = Math.ceil(count / SYSTEMS_PER_HOSPITAL);
  for (let h = 0; h < hospitals; h++) {
    const province = PROVINCES[h % PROVINCES.length];
    const hospital = `hospital-${String(h + 1).padStart(5, '0')}`;
    const owner = `aftersales-${province}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: hospital,
        title: `第${h + 1}人民医院`,
        labels: { 'weibao.io/province': province },
      },
      spec: { owner, domain: province },
    });
    // the hospital's products: distinct types, starting at a random one
    const first = Math.floor(next() * HOSPITAL_SYSTEM_TYPES.length);
    for (let s = 0; s < SYSTEMS_PER_HOSPITAL; s++) {
      if (systems.length === count) break;
      const type =
        HOSPITAL_SYSTEM_TYPES[(first + s) % HOSPITAL_SYSTEM_TYPES.length];
      const name = `${type}-${hospital}`;
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          title: `${type.toUpperCase()} (${hospital})`,
          annotations: { 'weibao.io/product': type.toUpperCase() },
        },
        spec: {
          type,
          lifecycle: 'production',
          owner,
          system: hospital,
        },
      });
      systems.push({
        name,
        ref: `component:default/${name}`,
        hospitalRef: `system:default/${hospital}`,
        ownerRef: `group:default/${owner}`,
      });
    }
  }
  return { entities: entities.map(annotated), systems };
}

/** Emits the whole synthetic catalog once, as one full mutation. */
export class BenchEntityProvider implements EntityProvider {
  /** When the catalog connected the provider (performance.now()). */
  connectedAt = 0;
  constructor(private readonly catalog: BenchCatalog) {}
  getProviderName() {
    return 'bench-incident-health';
  }
  async connect(connection: EntityProviderConnection) {
    this.connectedAt = performance.now();
    await connection.applyMutation({
      type: 'full',
      entities: this.catalog.entities.map(entity => ({
        entity,
        locationKey: MANAGED,
      })),
    });
  }
}
