/**
 * openapi.yaml is the one source of the API: the generated router carries exactly it, and the
 * express routes of the plugin and the paths of the YAML are the same set, method by method.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import yamlSpec from './openapi.yaml';
import { spec as generatedSpec } from './openapi.generated';

type Spec = { paths: Record<string, Record<string, unknown>> };
const fromYaml = yamlSpec as unknown as Spec;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const SRC = join(__dirname, '..');

/** The non-test TypeScript files of the plugin's src/. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === '__testUtils__' ? [] : sources(path);
    }
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/**
 * Every `<router>.<method>('/path', …)` of the plugin's source, as `METHOD /path` with express
 * parameters written the OpenAPI way (`:id` → `{id}`).
 */
function registeredRoutes(): Map<string, string> {
  const routes = new Map<string, string>();
  const registration = new RegExp(
    `\\b\\w+\\.(${METHODS.join('|')})\\(\\s*(['"\`])(/[^'"\`$]*)\\2`,
    'g',
  );
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const [, method, , path] of text.matchAll(registration)) {
      const openapiPath = path.replace(/:(\w+)/g, '{$1}');
      routes.set(`${method.toUpperCase()} ${openapiPath}`, relative(SRC, file));
    }
  }
  // served by the router itself, from this very spec
  routes.delete('GET /openapi.json');
  return routes;
}

const documented = Object.entries(fromYaml.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter(key => METHODS.includes(key))
    .map(method => `${method.toUpperCase()} ${path}`),
);

describe('openapi.yaml, the one source of the API', () => {
  it('is what openapi.generated.ts carries (yarn openapi:generate)', () => {
    expect(JSON.parse(JSON.stringify(generatedSpec))).toStrictEqual(fromYaml);
  });

  it('finds the route registrations it checks', () => {
    const routes = registeredRoutes();
    expect(routes.size).toBeGreaterThanOrEqual(20);
    expect([...routes.keys()]).toEqual(
      expect.arrayContaining([
        'GET /hospital-systems',
        'GET /calendars/{name}/days',
        'POST /incidents',
        'POST /systems/{namespace}/{name}/certificates/import',
      ]),
    );
  });

  it('documents every route the routers register', () => {
    const undocumented = [...registeredRoutes()]
      .filter(([route]) => !documented.includes(route))
      .map(([route, file]) => `${route} (${file})`);
    expect(undocumented).toEqual([]);
  });

  it('documents only routes the routers register', () => {
    const routes = registeredRoutes();
    expect(documented.filter(route => !routes.has(route))).toEqual([]);
  });

  it('names every operation once', () => {
    const ids = Object.values(fromYaml.paths).flatMap(item =>
      Object.values(item).map(
        operation => (operation as { operationId?: string }).operationId,
      ),
    );
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
