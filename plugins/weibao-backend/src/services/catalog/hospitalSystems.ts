import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  HOSPITAL_SYSTEM_TYPES,
  HospitalSystem,
  HospitalSystemType,
  WEIBAO_ANNOTATION_MANUFACTURER,
  WEIBAO_ANNOTATION_PRODUCT,
  WEIBAO_ANNOTATION_PRODUCT_VERSION,
} from '@weibao/plugin-weibao-common';

const HOSPITAL_SYSTEM_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.system',
];

/**
 * Lists hospital systems (Components typed from the vocabulary) with their hospital,
 * reading the catalog with the caller's own credentials, so catalog permissions apply.
 */
export async function listHospitalSystems(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  options: { owner?: string } = {},
): Promise<HospitalSystem[]> {
  const filter: Record<string, string | string[]> = { kind: 'component' };
  if (options.owner) {
    filter['relations.ownedBy'] = options.owner;
  }
  // Kept last: the in-memory catalog used in tests stops at the first array value.
  filter['spec.type'] = [...HOSPITAL_SYSTEM_TYPES];
  const { items: components } = await catalog.getEntities(
    {
      filter,
      fields: HOSPITAL_SYSTEM_FIELDS,
      order: { field: 'metadata.name', order: 'asc' },
    },
    { credentials },
  );

  const hospitalRefs = [...new Set(components.map(c => hospitalRefOf(c)))];
  const { items: hospitals } = await catalog.getEntitiesByRefs(
    {
      entityRefs: hospitalRefs,
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title'],
    },
    { credentials },
  );
  const hospitalByRef = new Map<string, Entity>();
  hospitals.forEach((h, i) => h && hospitalByRef.set(hospitalRefs[i], h));

  const systems = components.map(component => {
    const hospitalRef = hospitalRefOf(component);
    const hospital = hospitalByRef.get(hospitalRef);
    const annotations = component.metadata.annotations ?? {};
    return {
      entityRef: stringifyEntityRef(component),
      title: component.metadata.title ?? component.metadata.name,
      type: component.spec?.type as HospitalSystemType,
      hospitalRef,
      hospital: hospital && {
        entityRef: hospitalRef,
        title: hospital.metadata.title ?? hospital.metadata.name,
      },
      owner: stringifyEntityRef(
        parseEntityRef(String(component.spec?.owner), {
          defaultKind: 'group',
          defaultNamespace: component.metadata.namespace,
        }),
      ),
      product: annotations[WEIBAO_ANNOTATION_PRODUCT],
      productVersion: annotations[WEIBAO_ANNOTATION_PRODUCT_VERSION],
      manufacturer: annotations[WEIBAO_ANNOTATION_MANUFACTURER],
    };
  });
  // By hospital, then by system: the order people look for them in.
  return systems.sort(
    (a, b) =>
      a.hospitalRef.localeCompare(b.hospitalRef) ||
      a.title.localeCompare(b.title, 'zh'),
  );
}

function hospitalRefOf(component: Entity): string {
  return stringifyEntityRef(
    parseEntityRef(String(component.spec?.system), {
      defaultKind: 'system',
      defaultNamespace: component.metadata.namespace,
    }),
  );
}
