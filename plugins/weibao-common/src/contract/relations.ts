import {
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { MaintenanceContractEntityV1alpha1 } from './types';

/** A contract covers a hospital system (合同覆盖的系统). @public */
export const RELATION_COVERS = 'covers';
/** A hospital system is covered by a contract. @public */
export const RELATION_COVERED_BY = 'coveredBy';
/** A contract is with a hospital. @public */
export const RELATION_CONTRACT_WITH = 'contractWith';
/** A hospital has a contract. @public */
export const RELATION_HAS_CONTRACT = 'hasContract';
/** A contract's services are provided by a vendor (乙方). @public */
export const RELATION_PROVIDED_BY = 'providedBy';
/** A vendor provides the services of a contract. @public */
export const RELATION_PROVIDER_OF = 'providerOf';

/** The default kind of each entity reference in a contract's spec. @public */
export const CONTRACT_REF_KINDS = {
  hospital: 'system',
  vendor: 'group',
  owner: 'group',
  covers: 'component',
} as const;

/**
 * Turns a reference as a person writes it (`zlhis-chongzuo`, `group:vendor`) into the full
 * form (`component:default/zlhis-chongzuo`), in the namespace of the entity that wrote it.
 * Throws on a malformed reference.
 *
 * @public
 */
export function fullEntityRef(
  ref: string,
  defaultKind: string,
  defaultNamespace?: string,
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: defaultNamespace ?? 'default',
    }),
  );
}

/**
 * A relation a contract takes part in, and its reverse, which the catalog module emits both ways.
 *
 * @public
 */
export type ContractRelation = {
  type: string;
  reverseType: string;
  targetRef: string;
};

/**
 * The relations of a valid contract: it covers its systems, is with its hospital, is provided by
 * its vendor and owned by its team.
 *
 * @public
 */
export function maintenanceContractRelations(
  contract: MaintenanceContractEntityV1alpha1,
): ContractRelation[] {
  const ns = contract.metadata.namespace;
  const { spec } = contract;
  return [
    ...spec.covers.map(ref => ({
      type: RELATION_COVERS,
      reverseType: RELATION_COVERED_BY,
      targetRef: fullEntityRef(ref, CONTRACT_REF_KINDS.covers, ns),
    })),
    {
      type: RELATION_CONTRACT_WITH,
      reverseType: RELATION_HAS_CONTRACT,
      targetRef: fullEntityRef(spec.hospital, CONTRACT_REF_KINDS.hospital, ns),
    },
    {
      type: RELATION_PROVIDED_BY,
      reverseType: RELATION_PROVIDER_OF,
      targetRef: fullEntityRef(spec.vendor, CONTRACT_REF_KINDS.vendor, ns),
    },
    {
      type: RELATION_OWNED_BY,
      reverseType: RELATION_OWNER_OF,
      targetRef: fullEntityRef(spec.owner, CONTRACT_REF_KINDS.owner, ns),
    },
  ];
}

/**
 * Weibao's relations with their reverse, for tools that draw relations (the catalog graph).
 *
 * @public
 */
export const WEIBAO_RELATION_PAIRS: ReadonlyArray<[string, string]> = [
  [RELATION_COVERS, RELATION_COVERED_BY],
  [RELATION_CONTRACT_WITH, RELATION_HAS_CONTRACT],
  [RELATION_PROVIDED_BY, RELATION_PROVIDER_OF],
];
