#!/usr/bin/env bash
# The adopter test: Weibao installed as a vendor installs it, into a stock Backstage app.
#
#   ./scripts/adopter-test.sh                 the whole test (scripts/test.sh runs it)
#   ./scripts/adopter-test.sh --update-lock   regenerate e2e/adopter/yarn.lock, then stop
#
# 1. packs the five plugins (scripts/pack.sh; or takes the tarballs in $WEIBAO_ADOPTER_PACKS);
# 2. makes a stock app with @backstage/create-app 0.9.2 (the release of Backstage 1.55.0, as
#    backstage.json), non-interactively, in a temp dir outside the repository;
# 3. installs our tarballs by the plugin READMEs (e2e/adopter/install-weibao.cjs), then the
#    app's dependencies from the committed e2e/adopter/yarn.lock: every entry but our own
#    tarballs' must come out unchanged (e2e/adopter/lockfile.cjs), so a newer registry release
#    cannot change what is installed;
# 4. type-checks and builds the app for production (yarn tsc, yarn build:backend), and sets up
#    the production backend as the template's Dockerfile does, without Docker: skeleton, yarn
#    workspaces focus --all --production, bundle, app-config*.yaml, on PostgreSQL;
# 5. starts it with app-config.yaml + app-config.production.yaml (+ the test's ports, database
#    prefix, example locations and guest override, e2e/adopter/app-config.adopter-test.yaml) and
#    checks over HTTP and in Chromium (e2e/adopter/adopter.spec.ts); screenshots and the
#    figures go to e2e/test-results/adopter/.
#
# PostgreSQL: the one scripts/test.sh started (BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING),
# else $WEIBAO_ADOPTER_PG (postgresql://user:password@host:port), else a private one started
# here (scripts/postgres.sh). Databases are named with a fresh prefix and dropped at the end.
# WEIBAO_ADOPTER_KEEP=1 keeps the work directory. The yarn cache is the machine's global one,
# shared with the repository.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/postgres.sh"
weibao_ensure_node
cd "$WEIBAO_ROOT"

CREATE_APP_VERSION=0.9.2 # @backstage/create-app of Backstage 1.55.0
ADOPTER="$WEIBAO_ROOT/e2e/adopter"
RESULTS="$WEIBAO_ROOT/e2e/test-results/adopter"
update_lock=0
[ "${1:-}" = --update-lock ] && update_lock=1

started=$(date +%s)
work="$(mktemp -d /tmp/weibao-adopter.XXXXXX)"
app="$work/app"
image="$work/image" # what the Dockerfile's WORKDIR /app would hold
backend_pid=""
rm -rf "$RESULTS"
db_url=""
db_prefix="adopter_$(date +%s)_"
declare -a figures=()

phase() { weibao_log "adopter: $*"; }
figure() {
  figures+=("$1")
  weibao_log "adopter: $1"
}
elapsed() { echo "$(($(date +%s) - $1))s"; }

cleanup() {
  local rc=$?
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill "$backend_pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$backend_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$backend_pid" 2>/dev/null || true
  fi
  if [ -n "$db_url" ]; then
    local db
    for db in $(psql "$db_url/postgres" -Atc "select datname from pg_database where datname like '${db_prefix}%'" 2>/dev/null); do
      psql "$db_url/postgres" -qc "drop database \"$db\" with (force)" >/dev/null 2>&1 || true
    done
  fi
  weibao_stop_postgres
  mkdir -p "$RESULTS"
  for log in backend create-app install build focus; do
    [ -f "$work/$log.log" ] && cp "$work/$log.log" "$RESULTS/$log.log"
  done
  [ "${#figures[@]}" = 0 ] || printf '%s\n' "${figures[@]}" >"$RESULTS/figures.txt"
  if [ "${WEIBAO_ADOPTER_KEEP:-}" = 1 ]; then
    weibao_log "adopter: work directory kept: $work"
  else
    # ~2.5 GB of node_modules: removed in the background, so the run does not wait for the disk
    nohup rm -rf "$work" >/dev/null 2>&1 &
  fi
  [ "$rc" = 0 ] || weibao_log "adopter: FAILED (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ── 1. the tarballs ────────────────────────────────────────────────────────────────────────
t0=$(date +%s)
if [ -n "${WEIBAO_ADOPTER_PACKS:-}" ]; then
  packs="$(cd "$WEIBAO_ADOPTER_PACKS" && pwd)"
  phase "tarballs from $packs"
else
  packs="$work/packs"
  phase "packing the plugins (scripts/pack.sh)"
  ./scripts/pack.sh "$packs"
fi
figure "pack: $(elapsed "$t0")"

# ── 2. a stock app ─────────────────────────────────────────────────────────────────────────
t0=$(date +%s)
phase "creating a stock app with @backstage/create-app@$CREATE_APP_VERSION"
(cd "$work" && BACKSTAGE_APP_NAME=app npx --yes "@backstage/create-app@$CREATE_APP_VERSION" --skip-install) \
  >"$work/create-app.log" 2>&1 || { cat "$work/create-app.log" >&2; exit 1; }
[ "$(node -p "require('$app/backstage.json').version")" = "$(node -p "require('./backstage.json').version")" ] || {
  weibao_log "adopter: FAIL: the stock app is not on the repository's Backstage release"
  exit 1
}
figure "create-app: $(elapsed "$t0")"

# ── 3. Weibao by its READMEs, then a pinned install ──────────────────────────────────────
phase "installing Weibao by the READMEs (e2e/adopter/install-weibao.cjs)"
node "$ADOPTER/install-weibao.cjs" "$app" "$packs"
# Not a README step: this machine's registry lacks some platform builds (YN0082) and a broken
# @yarnpkg/core release; the same pins as the repository's root package.json.
node -e '
  const fs = require("fs");
  const [appPkg, ours] = process.argv.slice(1).map(f => JSON.parse(fs.readFileSync(f, "utf8")));
  appPkg.resolutions = { ...appPkg.resolutions, ...ours.resolutions };
  fs.writeFileSync(process.argv[1], JSON.stringify(appPkg, null, 2) + "\n");
' "$app/package.json" "$WEIBAO_ROOT/package.json"

t0=$(date +%s)
if [ "$update_lock" = 1 ]; then
  phase "regenerating e2e/adopter/yarn.lock (seeded with the repository's yarn.lock)"
  node "$ADOPTER/lockfile.cjs" seed "$WEIBAO_ROOT/yarn.lock" "$app"
  node "$ADOPTER/lockfile.cjs" pin "$app"
  (cd "$app" && yarn install --no-immutable --mode=update-lockfile)
  node "$ADOPTER/lockfile.cjs" unpin "$app"
  (cd "$app" && yarn install --no-immutable --mode=update-lockfile)
  cp "$app/yarn.lock" "$ADOPTER/yarn.lock"
  weibao_log "adopter: wrote e2e/adopter/yarn.lock in $(elapsed "$t0"): review its diff and commit it"
  exit 0
fi
phase "installing the app's dependencies from e2e/adopter/yarn.lock"
cp "$ADOPTER/yarn.lock" "$app/yarn.lock"
# Not --immutable: yarn re-resolves file: tarballs (their hash is in their resolution), so our
# own entries change at every pack. lockfile.cjs then proves nothing else did. skip-build: the
# production build needs no native module (the production install below builds them).
(cd "$app" && yarn install --no-immutable --mode=skip-build) >"$work/install.log" 2>&1 || { tail -50 "$work/install.log" >&2; exit 1; }
node "$ADOPTER/lockfile.cjs" check "$ADOPTER/yarn.lock" "$app/yarn.lock"
figure "stock app install: $(elapsed "$t0")"

# ── 4. production build, and the production install as in the template's Dockerfile ──────
t0=$(date +%s)
phase "yarn tsc, yarn build:backend (the frontend too)"
(cd "$app" && yarn tsc && yarn build:backend) >"$work/build.log" 2>&1 || { tail -60 "$work/build.log" >&2; exit 1; }
figure "tsc + build:backend: $(elapsed "$t0")"
figure "production bundle: $(du -b "$app/packages/backend/dist/bundle.tar.gz" | cut -f1) bytes (bundle.tar.gz)"

t0=$(date +%s)
phase "production install (Dockerfile steps: skeleton, yarn workspaces focus --all --production, bundle)"
mkdir -p "$image"
cp -r "$app/.yarn" "$app/.yarnrc.yml" "$app/backstage.json" "$image/"
rm -rf "$image/.yarn/cache" "$image/.yarn/install-state.gz" # .dockerignore
cp "$app/yarn.lock" "$app/package.json" "$app/packages/backend/dist/skeleton.tar.gz" "$image/"
(cd "$image" && tar xzf skeleton.tar.gz && rm skeleton.tar.gz)
cp -r "$app/weibao-packs" "$image/" # the README's Dockerfile step: tarballs before the install
(cd "$image" && NODE_ENV=production yarn workspaces focus --all --production) >"$work/focus.log" 2>&1 \
  || { tail -50 "$work/focus.log" >&2; exit 1; }
cp -r "$app/examples" "$image/examples" # with examples/weibao/, the README's example data
cp "$app/packages/backend/dist/bundle.tar.gz" "$app"/app-config*.yaml "$image/"
cp "$ADOPTER/app-config.adopter-test.yaml" "$image/"
(cd "$image" && tar xzf bundle.tar.gz && rm bundle.tar.gz)
figure "production install: $(elapsed "$t0"), node_modules $(du -sm "$image/node_modules" | cut -f1) MB"

# ── 5. the production backend on PostgreSQL, checked over HTTP and in Chromium ─────────────
db_url="$(env | sed -n 's/^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]*_CONNECTION_STRING=//p' | head -n1)"
db_url="${db_url:-${WEIBAO_ADOPTER_PG:-}}"
if [ -z "$db_url" ]; then
  weibao_start_postgres
  db_url="postgresql://postgres:postgres@127.0.0.1:$WEIBAO_PG_PORT"
fi
hostport="${db_url##*@}"
userpass="${db_url#postgresql://}"
userpass="${userpass%%@*}"
port="$(weibao_free_port)"
export WEIBAO_ADOPTER_URL="http://localhost:$port"

t0=$(date +%s)
phase "starting the production backend on :$port (PostgreSQL ${hostport}, databases ${db_prefix}*)"
(
  cd "$image"
  export NODE_ENV=production
  export POSTGRES_HOST="${hostport%%:*}" POSTGRES_PORT="${hostport##*:}"
  export POSTGRES_USER="${userpass%%:*}" POSTGRES_PASSWORD="${userpass#*:}"
  export WEIBAO_ADOPTER_PORT="$port" WEIBAO_ADOPTER_DB_PREFIX="$db_prefix"
  exec node packages/backend --config app-config.yaml --config app-config.production.yaml \
    --config app-config.adopter-test.yaml
) >"$work/backend.log" 2>&1 &
backend_pid=$!
for _ in $(seq 180); do
  if curl -fsS "$WEIBAO_ADOPTER_URL/.backstage/health/v1/readiness" >/dev/null 2>&1; then break; fi
  kill -0 "$backend_pid" 2>/dev/null || { tail -60 "$work/backend.log" >&2; weibao_log "adopter: FAIL: the backend exited"; exit 1; }
  sleep 1
done
curl -fsS "$WEIBAO_ADOPTER_URL/.backstage/health/v1/readiness" >/dev/null || {
  tail -60 "$work/backend.log" >&2
  weibao_log "adopter: FAIL: the backend is not ready after 180 s"
  exit 1
}
figure "backend ready: $(elapsed "$t0"), RSS $(($(ps -o rss= -p "$backend_pid") / 1024)) MB"
# migrations ran on empty PostgreSQL databases, one per plugin
psql "$db_url/postgres" -Atc "select datname from pg_database where datname like '${db_prefix}%' order by 1" \
  | tr '\n' ' ' | sed 's/^/[adopter] databases: /' >&2; echo >&2

t0=$(date +%s)
phase "checks over HTTP and in Chromium (e2e/adopter/adopter.spec.ts)"
if ! yarn --cwd e2e playwright test --config adopter/playwright.config.ts; then
  tail -80 "$work/backend.log" >&2
  exit 1
fi
figure "checks: $(elapsed "$t0")"
figure "backend RSS after the checks: $(($(ps -o rss= -p "$backend_pid") / 1024)) MB"
grep -iE '"level":"error"|\berror\b' "$work/backend.log" | grep -v 'auth' | head -5 >&2 || true

figure "adopter test: $(elapsed "$started")"
