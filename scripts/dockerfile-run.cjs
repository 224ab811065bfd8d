#!/usr/bin/env node
/*
 * Follows a Dockerfile's instructions without Docker (there is no engine on the build machines):
 *
 *   node scripts/dockerfile-run.cjs <Dockerfile> <context dir> <root dir>
 *
 * The image's file system is <root dir>: WORKDIR /app is <root dir>/app. COPY copies from the
 * context (honouring .dockerignore), RUN runs the command with bash in the working directory,
 * with the ENV values so far, after dropping BuildKit's --mount options. What needs a container
 * is checked instead of done:
 *   - FROM node:<major>-…: the Node running this script must be that major version;
 *   - RUN apt-get …: the host must have the packages' programs (python3, g++, make);
 *   - USER: ignored (everything runs as the caller).
 * Any other instruction fails the run, so the Dockerfile cannot grow a step this script skips.
 * On success prints one JSON line: { workdir, env, cmd } for the caller to start the container's
 * CMD with.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const [dockerfile, contextDir, rootDir] = process.argv.slice(2);
if (!dockerfile || !contextDir || !rootDir) {
  console.error(
    'usage: dockerfile-run.cjs <Dockerfile> <context dir> <root dir>',
  );
  process.exit(2);
}
const context = path.resolve(contextDir);
const root = path.resolve(rootDir);
const log = m => console.error(`[dockerfile] ${m}`);

/** Instructions, continuation lines joined, comments and blank lines dropped. */
function instructions(text) {
  const out = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) continue;
    if (current && line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    const m = /^(\w+)\s+([\s\S]*)$/.exec(current);
    if (!m) throw new Error(`cannot read instruction: ${current}`);
    out.push({ op: m[1].toUpperCase(), args: m[2].trim() });
    current = '';
  }
  return out;
}

/** .dockerignore patterns as regular expressions over context-relative paths. */
function ignoreMatcher() {
  const file = path.join(context, '.dockerignore');
  const patterns = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map(l => l.trim())
        .filter(l => l && !l.startsWith('#'))
    : [];
  if (patterns.some(p => p.startsWith('!'))) {
    throw new Error('.dockerignore exceptions (!) are not supported here');
  }
  const regexps = patterns.map(
    p =>
      new RegExp(
        `^${p
          .replace(/^\/+|\/+$/g, '')
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*/g, '\u0000')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')
          .replace(/\u0000/g, '.*')}(/.*)?$`,
      ),
  );
  return rel => regexps.some(r => r.test(rel));
}
const ignored = ignoreMatcher();

/** Context-relative sources of a COPY, globs in the last segment expanded. */
function expandSource(src) {
  const rel = path.posix.normalize(src.replace(/^\.\//, ''));
  const base = path.posix.basename(rel);
  if (!/[*?]/.test(base)) {
    if (!fs.existsSync(path.join(context, rel))) {
      throw new Error(`COPY: ${rel} does not exist in the context`);
    }
    return [rel];
  }
  const dir = path.posix.dirname(rel);
  const re = new RegExp(
    `^${base
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  const found = fs
    .readdirSync(path.join(context, dir))
    .filter(n => re.test(n))
    .map(n => path.posix.join(dir, n))
    .filter(r => !ignored(r));
  if (found.length === 0) throw new Error(`COPY: nothing matches ${src}`);
  return found;
}

function copyInto(rel, dest) {
  if (ignored(rel)) return;
  const from = path.join(context, rel);
  const stat = fs.statSync(from);
  if (stat.isDirectory()) {
    fs.mkdirSync(dest, { recursive: true });
    for (const name of fs.readdirSync(from)) {
      copyInto(path.posix.join(rel, name), path.join(dest, name));
    }
  } else {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(from, dest);
  }
}

const env = {};
let workdir = root;
let cmd;
const inImage = p => path.join(root, p);

for (const { op, args } of instructions(fs.readFileSync(dockerfile, 'utf8'))) {
  switch (op) {
    case 'FROM': {
      const m = /^node:(\d+)[-\w.]*$/.exec(args);
      if (!m)
        throw new Error(
          `FROM ${args}: only node:<major>-… images are followed here`,
        );
      const major = process.versions.node.split('.')[0];
      if (m[1] !== major) {
        throw new Error(
          `FROM ${args}: this Node is ${process.version}, not ${m[1]}`,
        );
      }
      log(`FROM ${args}: Node ${process.version} on this host`);
      break;
    }
    case 'ENV': {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(args);
      if (!m) throw new Error(`ENV ${args}: write ENV NAME=value`);
      env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
      log(`ENV ${m[1]}=${env[m[1]]}`);
      break;
    }
    case 'USER':
      log(
        `USER ${args}: ignored (runs as ${
          require('node:os').userInfo().username
        })`,
      );
      break;
    case 'EXPOSE':
      log(`EXPOSE ${args}`);
      break;
    case 'WORKDIR':
      workdir = inImage(args);
      fs.mkdirSync(workdir, { recursive: true });
      log(`WORKDIR ${args}`);
      break;
    case 'COPY': {
      const parts = args.split(/\s+/).filter(a => !a.startsWith('--'));
      const dest = parts.pop();
      const target = dest.startsWith('/')
        ? inImage(dest)
        : path.join(workdir, dest);
      const sources = parts.flatMap(expandSource);
      const toDir = dest.endsWith('/') || sources.length > 1;
      for (const rel of sources) {
        copyInto(
          rel,
          toDir ? path.join(target, path.posix.basename(rel)) : target,
        );
      }
      log(`COPY ${sources.join(' ')} → ${dest}`);
      break;
    }
    case 'RUN': {
      const command = args.replace(/--mount=\S+\s*/g, '').trim();
      if (/^apt-get\b/.test(command)) {
        const missing = ['python3', 'g++', 'make'].filter(p => {
          try {
            execFileSync('bash', ['-c', `command -v ${p}`], {
              stdio: 'ignore',
            });
            return false;
          } catch {
            return true;
          }
        });
        if (missing.length)
          throw new Error(`RUN apt-get: the host lacks ${missing.join(', ')}`);
        log(
          'RUN apt-get …: system packages, present on this host (python3, g++, make)',
        );
        break;
      }
      log(`RUN ${command}`);
      const t0 = Date.now();
      execFileSync('bash', ['-euo', 'pipefail', '-c', command], {
        cwd: workdir,
        stdio: ['ignore', 2, 2], // stdout is this script's result
        env: { ...process.env, ...env },
      });
      log(`    done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
      break;
    }
    case 'CMD':
      cmd = JSON.parse(args);
      log(`CMD ${cmd.join(' ')}`);
      break;
    default:
      throw new Error(`${op}: not an instruction this script can follow`);
  }
}
if (!cmd) throw new Error('the Dockerfile has no CMD');
console.log(JSON.stringify({ workdir, env, cmd }));
