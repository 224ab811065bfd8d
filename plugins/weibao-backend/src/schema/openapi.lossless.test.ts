/**
 * The conversion of the hand-written TypeScript description (openapi.ts and the files merged
 * into it, as `fullSpec` of the router merged them) to openapi.yaml lost nothing: path by path
 * and schema by schema the YAML says what the TypeScript said, and only the routes that were
 * missing from it (/hospital-systems, /calendars) were added.
 *
 * Delete this file together with the TypeScript description; openapi.test.ts stays.
 */
import yamlSpec from './openapi.yaml';
import { spec as tsSpec } from './openapi';
import { certificatesSpec } from './certificatesOpenapi';

type Spec = {
  openapi: string;
  info: object;
  servers: object[];
  paths: Record<string, object>;
  components: { schemas: Record<string, object> };
};

/** As JSON carries it: what a spec object is once served or written out. */
const plain = (value: object): Spec => JSON.parse(JSON.stringify(value));

const fromYaml = yamlSpec as unknown as Spec;
const merged = plain({
  openapi: tsSpec.openapi,
  info: { ...tsSpec.info, title: 'weibao' },
  servers: tsSpec.servers,
  paths: { ...tsSpec.paths, ...certificatesSpec.paths },
  components: {
    schemas: {
      ...tsSpec.components.schemas,
      ...certificatesSpec.components.schemas,
    },
  },
});

const ADDED_PATHS = ['/hospital-systems', '/calendars/{name}/days'];
const ADDED_SCHEMAS = [
  'HospitalRef',
  'HospitalSystem',
  'HospitalSystemList',
  'CalendarDay',
  'CalendarDays',
];

describe('openapi.yaml against the TypeScript description it replaces', () => {
  it('has the same version, info and servers', () => {
    expect(fromYaml.openapi).toBe(merged.openapi);
    expect(fromYaml.info).toStrictEqual(merged.info);
    expect(fromYaml.servers).toStrictEqual(merged.servers);
  });

  it('has every path of it, and only the missing ones besides', () => {
    expect(Object.keys(merged.paths)).toHaveLength(19);
    expect(Object.keys(fromYaml.paths).sort()).toEqual(
      [...Object.keys(merged.paths), ...ADDED_PATHS].sort(),
    );
  });

  it.each(Object.keys(merged.paths))('describes %s as it did', path => {
    expect(fromYaml.paths[path]).toStrictEqual(merged.paths[path]);
  });

  it('has every schema of it, and only the new routes’ ones besides', () => {
    expect(Object.keys(merged.components.schemas)).toHaveLength(23);
    expect(Object.keys(fromYaml.components.schemas).sort()).toEqual(
      [...Object.keys(merged.components.schemas), ...ADDED_SCHEMAS].sort(),
    );
  });

  it.each(Object.keys(merged.components.schemas))(
    'has the schema %s as it was',
    name => {
      expect(fromYaml.components.schemas[name]).toStrictEqual(
        merged.components.schemas[name],
      );
    },
  );

  it('has no other top-level keys', () => {
    expect(Object.keys(fromYaml).sort()).toEqual(
      ['components', 'info', 'openapi', 'paths', 'servers'].sort(),
    );
    expect(Object.keys(fromYaml.components)).toEqual(['schemas']);
  });
});
