/**
 * Annotations Weibao reads on hospital-system Components.
 *
 * @public
 */
export const WEIBAO_ANNOTATION_PRODUCT = 'weibao.io/product';

/**
 * The installed product version (产品版本), e.g. `V1.0`. Upgrade plans start from it.
 *
 * @public
 */
export const WEIBAO_ANNOTATION_PRODUCT_VERSION = 'weibao.io/product-version';

/**
 * The manufacturer of the product (厂商), which may differ from the vendor maintaining it.
 *
 * @public
 */
export const WEIBAO_ANNOTATION_MANUFACTURER = 'weibao.io/manufacturer';

/**
 * Every `weibao.io/` annotation a hospital system may carry.
 *
 * @public
 */
export const WEIBAO_COMPONENT_ANNOTATIONS = [
  WEIBAO_ANNOTATION_PRODUCT,
  WEIBAO_ANNOTATION_PRODUCT_VERSION,
  WEIBAO_ANNOTATION_MANUFACTURER,
] as const;
