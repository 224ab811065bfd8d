#!/usr/bin/env node
/*
 * The stock app's install is pinned by e2e/adopter/yarn.lock. Our own packages come from
 * tarballs packed at every run, and yarn names a `file:` tarball by a hash of its content, so
 * their entries change whenever our code does; every other entry must not change.
 *
 *   node lockfile.cjs check <committed yarn.lock> <yarn.lock after the install>
 *
 * Fails (exit 1, listing the differences) unless both lockfiles hold exactly the same entries
 * (descriptors, version, resolution, dependencies, checksum) once the @weibao/* entries are set
 * aside, and every @weibao/* package resolved to a tarball in weibao-packs/.
 *
 *   node lockfile.cjs seed <repo yarn.lock> <app dir>
 *
 * Writes <app dir>/yarn.lock, the seed used when regenerating the committed lockfile
 * (scripts/adopter-test.sh --update-lock): the repository's own lockfile, in which each
 * dependency the stock app's package.json files ask for (e.g. `@playwright/test@^1.32.3`) is
 * added to the entry of the highest version the repository already uses within that range.
 * So the stock app resolves the Backstage 1.55 packages our plugins are built and tested with
 * wherever its ranges allow, as Backstage's own seed lockfile does for create-app.
 *
 *   node lockfile.cjs pin <app dir>     then install, then     node lockfile.cjs unpin <app dir>
 *
 * For the app's @backstage/* dependencies the seed does not have (the stock app's scaffolder, techdocs,
 * kubernetes, search… which our repository does not use), `pin` narrows `^X` to `X`: create-app
 * writes the version each package had in its Backstage release, so the install resolves the
 * 1.55.0 release itself rather than whatever came later. `unpin` puts the ranges back and adds
 * each `name@npm:^X` to the lockfile entry of `name@npm:X`; a last `yarn install` tidies up.
 */
const fs = require('node:fs');

// A yarn berry lockfile is YAML with one block per resolution, keyed by its descriptors.
function parse(file) {
  const entries = new Map();
  let key;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      key = line.replace(/:$/, '').replace(/^"|"$/g, '');
      entries.set(key, []);
    } else {
      entries.get(key).push(line);
    }
  }
  return entries;
}
const ours = key => key.startsWith('@weibao/');

function check(committedFile, installedFile) {
  const committed = parse(committedFile);
  const installed = parse(installedFile);
  const problems = [];
  for (const [key, body] of committed) {
    if (ours(key)) continue;
    if (!installed.has(key)) problems.push(`removed or re-keyed: ${key}`);
    else if (installed.get(key).join('\n') !== body.join('\n')) {
      problems.push(`changed: ${key}`);
    }
  }
  for (const key of installed.keys()) {
    if (!ours(key) && !committed.has(key)) problems.push(`added: ${key}`);
  }
  const weibao = [...installed.keys()].filter(ours);
  if (weibao.length === 0) problems.push('no @weibao/* package was installed');
  for (const key of weibao) {
    const resolution = installed
      .get(key)
      .find(l => l.trim().startsWith('resolution:'));
    if (!/@file:\.\/weibao-packs\/[^"#]+\.tgz#/.test(resolution ?? '')) {
      problems.push(`not from weibao-packs/: ${key} (${resolution})`);
    }
  }
  if (problems.length) {
    console.error(
      `[adopter] the stock app's lockfile drifted from ${committedFile}:\n  ${problems.join(
        '\n  ',
      )}\nIf that is intended (a new dependency of our packages, a new create-app), run\n` +
        `  ./scripts/adopter-test.sh --update-lock\nand review the diff of e2e/adopter/yarn.lock.`,
    );
    process.exit(1);
  }
  console.error(
    `[adopter] lockfile: ${
      installed.size - weibao.length - 1
    } entries exactly as committed, ${
      weibao.length
    } @weibao/* entries from weibao-packs/`,
  );
}

function seed(repoLock, appDir) {
  const path = require('node:path');
  const semver = require('semver');
  const entries = parse(repoLock);
  const byName = new Map(); // name -> [{ key, version }]
  for (const [key, body] of entries) {
    if (key === '__metadata') continue;
    const name = key.split(', ')[0].replace(/^(@?[^@]+)@.*$/, '$1');
    const version = body
      .find(l => l.trim().startsWith('version:'))
      ?.replace(/^\s*version:\s*/, '');
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name).push({ key, version });
  }
  const aliases = new Map(); // repo key -> extra descriptors
  for (const manifest of MANIFESTS) {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(appDir, manifest), 'utf8'),
    );
    for (const [name, range] of Object.entries({
      ...pkg.dependencies,
      ...pkg.devDependencies,
    })) {
      if (!semver.validRange(range)) continue; // link:, file:, workspace:
      const descriptor = `${name}@npm:${range}`;
      const candidates = (byName.get(name) ?? []).filter(c =>
        semver.valid(c.version),
      );
      if (candidates.some(c => c.key.split(', ').includes(descriptor)))
        continue;
      const best = candidates
        .filter(c => semver.satisfies(c.version, range))
        .sort((x, y) => semver.rcompare(x.version, y.version))[0];
      if (!best) continue;
      aliases.set(best.key, [...(aliases.get(best.key) ?? []), descriptor]);
    }
  }
  const text = fs
    .readFileSync(repoLock, 'utf8')
    .split('\n')
    .map(line => {
      if (line.startsWith(' ') || !line.endsWith(':')) return line;
      const key = line.replace(/:$/, '').replace(/^"|"$/g, '');
      if (!aliases.has(key)) return line;
      return `"${[...key.split(', '), ...aliases.get(key)]
        .sort()
        .join(', ')}":`;
    })
    .join('\n');
  fs.writeFileSync(path.join(appDir, 'yarn.lock'), text);
  console.error(
    `[adopter] seed: the repository's yarn.lock, ${
      [...aliases.values()].flat().length
    } of the app's ranges mapped to versions it already uses`,
  );
}

const MANIFESTS = [
  'package.json',
  'packages/app/package.json',
  'packages/backend/package.json',
];

function pin(appDir) {
  const path = require('node:path');
  const lock = parse(path.join(appDir, 'yarn.lock'));
  const descriptors = new Set([...lock.keys()].flatMap(k => k.split(', ')));
  const pinned = {};
  for (const manifest of MANIFESTS) {
    const file = path.join(appDir, manifest);
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const field of ['dependencies', 'devDependencies']) {
      for (const [name, range] of Object.entries(pkg[field] ?? {})) {
        const exact = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
        if (!name.startsWith('@backstage/') || !exact) continue;
        if (descriptors.has(`${name}@npm:${range}`)) continue;
        pkg[field][name] = exact;
        pinned[`${manifest}#${field}#${name}`] = range;
      }
    }
    fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  }
  fs.writeFileSync(
    path.join(appDir, '.adopter-pins.json'),
    JSON.stringify(pinned, null, 2),
  );
  console.error(
    `[adopter] pinned ${
      Object.keys(pinned).length
    } ranges the seed lacks to their release versions`,
  );
}

function unpin(appDir) {
  const path = require('node:path');
  const pinned = JSON.parse(
    fs.readFileSync(path.join(appDir, '.adopter-pins.json'), 'utf8'),
  );
  const extra = new Map(); // "name@npm:X" -> "name@npm:^X"
  for (const [where, range] of Object.entries(pinned)) {
    const [manifest, field, name] = where.split('#');
    const file = path.join(appDir, manifest);
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    pkg[field][name] = range;
    fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
    extra.set(`${name}@npm:${range.slice(1)}`, `${name}@npm:${range}`);
  }
  const lockFile = path.join(appDir, 'yarn.lock');
  const text = fs
    .readFileSync(lockFile, 'utf8')
    .split('\n')
    .map(line => {
      if (line.startsWith(' ') || !line.endsWith(':')) return line;
      const keys = line.replace(/:$/, '').replace(/^"|"$/g, '').split(', ');
      const more = keys.filter(k => extra.has(k)).map(k => extra.get(k));
      return more.length ? `"${[...keys, ...more].sort().join(', ')}":` : line;
    })
    .join('\n');
  fs.writeFileSync(lockFile, text);
  fs.rmSync(path.join(appDir, '.adopter-pins.json'));
}

const [command, a, b] = process.argv.slice(2);
if (command === 'check') check(a, b);
else if (command === 'seed') seed(a, b);
else if (command === 'pin') pin(a);
else if (command === 'unpin') unpin(a);
else {
  console.error(
    'usage: lockfile.cjs check <committed> <installed> | seed <repo yarn.lock> <app dir>',
  );
  process.exit(2);
}
