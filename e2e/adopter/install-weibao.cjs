#!/usr/bin/env node
/*
 * Installs Weibao's packed plugins into a stock app made by @backstage/create-app, doing what
 * the plugin READMEs tell an adopter to do, one step here per README step, in README order:
 *
 *   node e2e/adopter/install-weibao.cjs <app dir> <dir with the five .tgz>
 *
 * Every step names the README it follows. If a README changes, change the step beside it:
 * the adopter test exists to prove that the READMEs alone give a working install.
 * Edits are plain text edits of the files an adopter edits (package.json, index.ts, App.tsx,
 * app-config.yaml), each expected to match exactly once. The script refuses to run twice on one app.
 */
const fs = require('node:fs');
const path = require('node:path');

const [appDir, packsDir] = process.argv.slice(2).map(p => p && path.resolve(p));
if (!appDir || !packsDir) {
  console.error('usage: install-weibao.cjs <app dir> <packs dir>');
  process.exit(2);
}
const file = p => path.join(appDir, p);
const log = msg => console.error(`[adopter] ${msg}`);

function editJson(p, edit) {
  const json = JSON.parse(fs.readFileSync(file(p), 'utf8'));
  edit(json);
  fs.writeFileSync(file(p), `${JSON.stringify(json, null, 2)}\n`);
}
function editText(p, edit) {
  const before = fs.readFileSync(file(p), 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`${p}: the edit changed nothing`);
  fs.writeFileSync(file(p), after);
}
/** Replaces exactly one occurrence of `find` (a string) in a file. */
function replaceOnce(p, find, replacement) {
  editText(p, text => {
    const at = text.indexOf(find);
    if (at < 0 || text.indexOf(find, at + 1) >= 0) {
      throw new Error(`${p}: expected exactly one "${find}"`);
    }
    return text.slice(0, at) + replacement + text.slice(at + find.length);
  });
}

const PACKAGES = {
  common: '@weibao/plugin-weibao-common',
  backend: '@weibao/plugin-weibao-backend',
  frontend: '@weibao/plugin-weibao',
  catalog: '@weibao/plugin-catalog-backend-module-weibao',
  permission: '@weibao/plugin-permission-backend-module-weibao',
};
const tarball = name =>
  `weibao-plugin-${name.replace('@weibao/plugin-', '')}.tgz`;

if (fs.existsSync(file('weibao-packs'))) {
  throw new Error(
    `${appDir} already has weibao-packs/: install into a fresh app`,
  );
}

// ── plugins/README.md → Getting the packages, steps 1–4 ──────────────────────────────────
// The README packs straight into <app>/weibao-packs/ (./scripts/pack.sh <dir>); the test has
// packed once and copies the same five tarballs there. Each package is a dependency of the app
// package that uses it; the root `resolutions` point our packages' dependencies on each other
// at the same tarballs (they are on no registry). Step 4 (yarn install) is adopter-test.sh's.
log('packages: weibao-packs/, dependencies and resolutions');
fs.mkdirSync(file('weibao-packs'));
for (const name of Object.values(PACKAGES)) {
  fs.copyFileSync(
    path.join(packsDir, tarball(name)),
    file(`weibao-packs/${tarball(name)}`),
  );
}
editJson('packages/backend/package.json', pkg => {
  for (const name of [
    PACKAGES.backend,
    PACKAGES.catalog,
    PACKAGES.permission,
  ]) {
    pkg.dependencies[name] = `file:../../weibao-packs/${tarball(name)}`;
  }
});
editJson('packages/app/package.json', pkg => {
  pkg.dependencies[PACKAGES.frontend] = `file:../../weibao-packs/${tarball(
    PACKAGES.frontend,
  )}`;
});
editJson('package.json', pkg => {
  pkg.resolutions = pkg.resolutions ?? {};
  for (const name of Object.values(PACKAGES)) {
    pkg.resolutions[name] = `file:./weibao-packs/${tarball(name)}`;
  }
});

// ── plugins/weibao-backend/README.md → Install, step 2 (with the catalog module) ───────────
log(
  'backend: the Weibao backend and catalog module, MaintenanceContract allowed',
);
replaceOnce(
  'packages/backend/src/index.ts',
  'backend.start();',
  "backend.add(import('@weibao/plugin-weibao-backend'));\n" +
    "backend.add(import('@weibao/plugin-catalog-backend-module-weibao'));\n\n" +
    'backend.start();',
);
// … and catalog-backend-module-weibao/README.md step 3: allow the kind
replaceOnce(
  'app-config.yaml',
  '- allow: [Component, System, API, Resource, Location]',
  '- allow: [Component, System, API, Resource, Location, MaintenanceContract]',
);

// ── plugins/weibao-backend/README.md → Example data ───────────────────────────────────────
log(
  'example data: examples/weibao/, its locations, a short processing interval',
);
fs.mkdirSync(file('examples/weibao'));
for (const name of ['org.yaml', 'hospitals.yaml', 'contracts.yaml']) {
  fs.copyFileSync(
    path.join(__dirname, '../../examples', name),
    file(`examples/weibao/${name}`),
  );
}
replaceOnce(
  'app-config.yaml',
  '\ncatalog:\n',
  '\ncatalog:\n  processingInterval: { seconds: 15 }\n',
);
replaceOnce(
  'app-config.yaml',
  '\n  locations:\n',
  `\n  locations:
    - type: file
      target: ../../examples/weibao/org.yaml
      rules:
        - allow: [User, Group]
    - type: file
      target: ../../examples/weibao/hospitals.yaml
      rules:
        - allow: [Domain, System, Component]
    - type: file
      target: ../../examples/weibao/contracts.yaml
      rules:
        - allow: [MaintenanceContract]
`,
);

// ── plugins/README.md → Users, groups and ownership (local use, guest) ────────────────────
log('ownership: the guest is user:default/zhang.wei of his-aftersales-guangxi');
replaceOnce(
  'app-config.yaml',
  '    guest: {}\n',
  `    guest:
      userEntityRef: user:default/zhang.wei
      ownershipEntityRefs:
        - user:default/zhang.wei
        - group:default/his-aftersales-guangxi
`,
);

// ── plugins/permission-backend-module-weibao/README.md ───────────────────────────────────
log('permissions: the Weibao policy instead of allow-all');
editText('packages/backend/src/index.ts', text => {
  const allowAll =
    /backend\.add\(\s*import\('@backstage\/plugin-permission-backend-module-allow-all-policy'\),?\s*\);\n/;
  if (!allowAll.test(text))
    throw new Error('index.ts: no allow-all policy to replace');
  return text.replace(
    allowAll,
    "backend.add(import('@weibao/plugin-permission-backend-module-weibao'));\n",
  );
});

// ── plugins/weibao/README.md → New frontend system ───────────────────────────────────────
// Step 1: the plugin is discovered (a stock app has app.packages: all). Step 2: the catalog
// graph's relations and the home widget are modules of @weibao/plugin-weibao/alpha added to
// the app's features. (Step 4 is optional and left out; step 5 is the ownership step above.)
log('frontend: @weibao/plugin-weibao, catalog graph relations, home widget');
replaceOnce(
  'packages/app/src/App.tsx',
  "import { homeModule } from './modules/home';",
  "import { homeModule } from './modules/home';\nimport {\n  weibaoCatalogGraphModule,\n  weibaoHomeModule,\n} from '@weibao/plugin-weibao/alpha';",
);
replaceOnce(
  'packages/app/src/App.tsx',
  'features: [catalogPlugin, navModule, homeModule],',
  'features: [\n    catalogPlugin,\n    navModule,\n    homeModule,\n    weibaoCatalogGraphModule,\n    weibaoHomeModule,\n  ],',
);

// … step 3: place the home widget in the home page's default layout
replaceOnce(
  'app-config.yaml',
  '          defaultConfig:\n',
  `          defaultConfig:
            - component: WeibaoTeam
              column: 0
              row: 13
              width: 6
              height: 6
`,
);

log('done: run yarn install');
