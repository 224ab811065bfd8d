import schemaJson from './MaintenanceContract.v1alpha1.schema.json';

/**
 * The JSON schema (draft-07) of a `MaintenanceContract` entity, `weibao.io/v1alpha1`.
 *
 * Its one source is `MaintenanceContract.v1alpha1.schema.json` next to this file. It is
 * exported through this module with a plain object type, so that the package's type
 * declarations do not refer to a `.json` file (tsc does not copy JSON into dist-types).
 *
 * @public
 */
export const maintenanceContractSchema: Readonly<Record<string, unknown>> =
  schemaJson;
