#!/usr/bin/env node
/*
 * Checks the tarballs scripts/pack.sh wrote:
 *   node scripts/pack-verify.cjs <outdir> plugins/<a> plugins/<b> ...
 *
 * For each package (its tarball is <outdir>/<name without @, / as ->.tgz):
 *  - every entry point of the packed package.json (main, module, types, exports,
 *    typesVersions) is a file in the tarball, and so are dist/index.d.ts, README.md,
 *    the migrations of the package's migrations/ folder, and config.schema.json where the
 *    package has a config schema;
 *  - backstage.pluginPackages (plugins and common libraries) or backstage.pluginPackage
 *    (modules) is set;
 *  - no dependency is `workspace:`, and each @weibao/* dependency is a semver range that
 *    the sibling package's current version satisfies;
 *  - nothing of tests, fixtures, test utilities, dev setups or sources is in it;
 *  - every package that the shipped code imports (dist/ JavaScript and declarations,
 *    migrations) is declared in dependencies or peerDependencies, and every declared
 *    dependency is imported, either by the shipped code or by the package's (non-test)
 *    sources as a type.
 * Prints each tarball's size and file count. Exits 1 on any failure.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { builtinModules } = require('node:module');
const semver = require('semver');

const [outDir, ...pkgDirs] = process.argv.slice(2);
if (!outDir || pkgDirs.length === 0) {
  console.error('usage: pack-verify.cjs <outdir> <package dir>...');
  process.exit(2);
}

const FORBIDDEN = [
  /(^|\/)src\//,
  /(^|\/)dev\//,
  /(^|\/)__testUtils__\//,
  /(^|\/)__fixtures__\//,
  /(^|\/)__mocks__\//,
  /(^|\/)fixtures?\//,
  /\.(test|spec|stories)\.[cm]?[jt]sx?(\.map)?$/,
  /\.(test|spec)\.d\.ts$/,
  /(^|\/)setupTests\./,
  /(^|\/)package\.json-prepack$/,
  /(^|\/)\.eslintrc/,
  /(^|\/)tsconfig[^/]*\.json$/,
];

const TEST_SOURCE =
  /(\.test\.|\.spec\.|\.stories\.|setupTests\.|__testUtils__\/|__fixtures__\/|__mocks__\/)/;

const builtins = new Set(builtinModules);

function packageNameOf(specifier) {
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@')
    ? parts.slice(0, 2).join('/')
    : parts[0];
  return builtins.has(name) ? undefined : name;
}

// Bare module specifiers in JavaScript or TypeScript text.
function importsIn(text) {
  const found = new Set();
  const patterns = [
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)\s*\./g,
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const spec = m[1];
      if (spec.startsWith('.') || spec.startsWith('/')) continue;
      const name = packageNameOf(spec);
      if (name) found.add(name);
    }
  }
  return found;
}

function walk(dir, rel = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), {
    withFileTypes: true,
  })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out;
}

function tarballName(name) {
  return `${name.replace(/^@/, '').replace(/\//g, '-')}.tgz`;
}

// Current versions of the workspace packages, to check @weibao/* ranges against.
const repoRoot = path.resolve(__dirname, '..');
const workspaceVersions = new Map();
for (const parent of ['plugins', 'packages']) {
  for (const d of fs.readdirSync(path.join(repoRoot, parent))) {
    const pj = path.join(repoRoot, parent, d, 'package.json');
    if (fs.existsSync(pj)) {
      const p = JSON.parse(fs.readFileSync(pj, 'utf8'));
      workspaceVersions.set(p.name, p.version);
    }
  }
}

let failed = false;
const rows = [];

for (const pkgDir of pkgDirs) {
  const repoPkg = JSON.parse(
    fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
  );
  const file = path.join(outDir, tarballName(repoPkg.name));
  const problems = [];
  const fail = msg => problems.push(msg);

  if (!fs.existsSync(file)) {
    console.error(`FAIL ${repoPkg.name}: ${file} is missing`);
    failed = true;
    continue;
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-pack-'));
  try {
    execFileSync('tar', ['xzf', file, '-C', tmp]);
    const root = path.join(tmp, 'package');
    const files = walk(root);
    const has = f => fs.existsSync(path.join(root, f));
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json')));

    // Entry points
    const entryFiles = new Set();
    for (const key of ['main', 'module', 'types']) {
      if (pkg[key]) entryFiles.add(pkg[key]);
    }
    // (the `backstage` condition of an export names the feature it provides, not a file)
    const collect = v => {
      if (typeof v === 'string') entryFiles.add(v);
      else if (v && typeof v === 'object')
        Object.entries(v)
          .filter(([k]) => k !== 'backstage')
          .forEach(([, x]) => collect(x));
    };
    collect(pkg.exports);
    for (const map of Object.values(pkg.typesVersions ?? {})) collect(map);
    for (const f of entryFiles) {
      if (/[*]/.test(f)) continue;
      if (!has(f)) fail(`entry point ${f} is not in the tarball`);
      if (/(^|\/)src\//.test(f)) fail(`entry point ${f} points into src/`);
    }
    if (!pkg.types) fail('package.json has no "types"');
    for (const f of ['package.json', 'README.md', 'dist/index.d.ts']) {
      if (!has(f)) fail(`${f} is not in the tarball`);
    }
    if (repoPkg.exports) {
      for (const sub of Object.keys(repoPkg.exports)) {
        if (sub === '.' || sub === './package.json') continue;
        const d = `dist/${sub.slice(2)}.d.ts`;
        if (!has(d)) fail(`declarations of entry ${sub} (${d}) are missing`);
      }
    }

    // Migrations
    const migDir = path.join(pkgDir, 'migrations');
    if (fs.existsSync(migDir)) {
      const want = fs.readdirSync(migDir).filter(f => f.endsWith('.js'));
      if (want.length === 0) fail('migrations/ has no .js file');
      for (const m of want) {
        if (!has(`migrations/${m}`)) fail(`migrations/${m} is missing`);
      }
    }

    // Config schema (prepack compiles config.d.ts into config.schema.json)
    if (repoPkg.configSchema) {
      if (pkg.configSchema !== 'config.schema.json' || !has(pkg.configSchema)) {
        fail(
          `config schema: expected config.schema.json, package.json says ${pkg.configSchema}`,
        );
      } else {
        const schema = JSON.parse(
          fs.readFileSync(path.join(root, pkg.configSchema)),
        );
        const text = JSON.stringify(schema);
        if (!text.includes('"properties"'))
          fail('config.schema.json has no properties');
      }
    }

    // Backstage metadata
    const bs = pkg.backstage ?? {};
    if (!bs.role) fail('backstage.role is missing');
    if (
      ['frontend-plugin', 'backend-plugin', 'common-library'].includes(bs.role)
    ) {
      if (
        !Array.isArray(bs.pluginPackages) ||
        !bs.pluginPackages.includes(pkg.name)
      )
        fail(
          'backstage.pluginPackages is missing or does not list the package',
        );
    }
    if (/-module$/.test(bs.role ?? '') && !bs.pluginPackage)
      fail('backstage.pluginPackage is missing');

    // Dependency versions
    for (const field of [
      'dependencies',
      'peerDependencies',
      'optionalDependencies',
      'devDependencies',
    ]) {
      for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
        if (String(range).startsWith('workspace:'))
          fail(`${field}.${dep} is "${range}"`);
        if (dep.startsWith('@weibao/') && field !== 'devDependencies') {
          const v = workspaceVersions.get(dep);
          if (!semver.validRange(range) || !v || !semver.satisfies(v, range))
            fail(`${field}.${dep} "${range}" does not match its version ${v}`);
        }
      }
    }

    // Forbidden files
    for (const f of files) {
      if (FORBIDDEN.some(re => re.test(f))) fail(`must not ship ${f}`);
    }

    // Imports versus declared dependencies
    const declared = new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ]);
    const shipped = new Set();
    for (const f of files) {
      if (!/\.(c|m)?js$|\.d\.ts$/.test(f)) continue;
      if (!(f.startsWith('dist/') || f.startsWith('migrations/'))) continue;
      for (const n of importsIn(fs.readFileSync(path.join(root, f), 'utf8')))
        shipped.add(n);
    }
    for (const n of shipped) {
      if (n === pkg.name) continue;
      if (!declared.has(n)) fail(`imports ${n} but does not declare it`);
    }
    const srcImports = new Set();
    const srcDir = path.join(pkgDir, 'src');
    for (const f of walk(srcDir)) {
      if (!/\.[cm]?[jt]sx?$/.test(f) || TEST_SOURCE.test(f)) continue;
      for (const n of importsIn(fs.readFileSync(path.join(srcDir, f), 'utf8')))
        srcImports.add(n);
    }
    const typeOnly = [];
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      if (shipped.has(dep)) continue;
      if (srcImports.has(dep)) typeOnly.push(dep);
      else fail(`declares ${dep} but nothing imports it`);
    }

    const size = fs.statSync(file).size;
    rows.push({
      file: path.basename(file),
      size,
      files: files.length,
      typeOnly,
      problems,
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (problems.length > 0) failed = true;
}

for (const r of rows) {
  const status = r.problems.length ? 'FAIL' : 'ok  ';
  console.log(
    `${status} ${r.file.padEnd(52)} ${(r.size / 1024)
      .toFixed(1)
      .padStart(7)} KiB ${String(r.files).padStart(4)} files`,
  );
  if (r.typeOnly.length)
    console.log(
      `       imported as types only (sources): ${r.typeOnly.join(', ')}`,
    );
  for (const p of r.problems) console.log(`       - ${p}`);
}
if (failed) {
  console.error('pack-verify: FAILED');
  process.exit(1);
}
