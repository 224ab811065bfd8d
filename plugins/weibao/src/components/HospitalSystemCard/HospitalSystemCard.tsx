import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  isHospitalSystemType,
  WEIBAO_ANNOTATION_MANUFACTURER,
  WEIBAO_ANNOTATION_PRODUCT,
  WEIBAO_ANNOTATION_PRODUCT_VERSION,
} from '@weibao/plugin-weibao-common';
import { weibaoTranslationRef } from '../../translation';

/**
 * What Weibao knows of a hospital system from the catalog: its hospital, type, product,
 * version, manufacturer and maintaining team. Reads the entity only; no backend call.
 *
 * @public
 */
export function HospitalSystemCard() {
  const { entity } = useEntity();
  const { t } = useTranslationRef(weibaoTranslationRef);
  const annotations = entity.metadata.annotations ?? {};
  const type = entity.spec?.type;
  const unknown = t('hospitalSystemCard.unknown');
  /** A link to a relation of the entity (its hospital, its team), or "not recorded". */
  const link = (ref: unknown, defaultKind: string) =>
    ref ? (
      <EntityRefLink
        entityRef={parseEntityRef(String(ref), {
          defaultKind,
          defaultNamespace: entity.metadata.namespace,
        })}
      />
    ) : (
      unknown
    );

  const metadata = {
    [t('hospitalSystemCard.hospital')]: link(entity.spec?.system, 'system'),
    [t('hospitalSystemCard.type')]: isHospitalSystemType(type)
      ? t(`systemTypes.${type}`)
      : String(type ?? unknown),
    [t('hospitalSystemCard.product')]:
      annotations[WEIBAO_ANNOTATION_PRODUCT] ?? unknown,
    [t('hospitalSystemCard.productVersion')]:
      annotations[WEIBAO_ANNOTATION_PRODUCT_VERSION] ?? unknown,
    [t('hospitalSystemCard.manufacturer')]:
      annotations[WEIBAO_ANNOTATION_MANUFACTURER] ?? unknown,
    [t('hospitalSystemCard.owner')]: link(entity.spec?.owner, 'group'),
  };

  return (
    <InfoCard title={t('hospitalSystemCard.title')}>
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
}
