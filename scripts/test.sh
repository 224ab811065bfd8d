#!/usr/bin/env bash
# Runs every test of the Weibao repository, installing what is missing first:
#   lint, formatting, type check, build and pack of the plugins (checked tarballs), their API
#   reports, then the unit and integration tests (jest) on embedded
#   SQLite and on a private PostgreSQL started here, under TZ=UTC and TZ=Asia/Shanghai,
#   then the browser tests when there are any (e2e/).
# Fails if PostgreSQL did not actually serve the tests.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/postgres.sh"

started=$(date +%s)
declare -a timings=()
step() {
  local name="$1"; shift
  local t0=$(date +%s)
  weibao_log "── $name"
  "$@"
  timings+=("$(printf '%-34s %4ss' "$name" $(( $(date +%s) - t0 )))")
}

step "install (Node 22, yarn, deps)" bash -c 'source scripts/env.sh && weibao_ensure_node && weibao_ensure_deps'
weibao_ensure_node 2>/dev/null
cd "$WEIBAO_ROOT"

step "lint" yarn backstage-cli repo lint
step "formatting (prettier)" yarn prettier --check --loglevel warn .
step "type check (tsc)" yarn tsc
# the typed router and the frontend's types against their one source, src/schema/openapi.yaml
step "openapi (generated files current)" yarn openapi:generate --check
# builds the five plugin packages and packs them into dist-packs/, checking each tarball
step "build all + pack (scripts/pack.sh)" ./scripts/pack.sh
# each package's public API against its committed report (plugins/*/report*.api.md)
step "API reports (checked)" yarn test:api-reports

trap weibao_stop_postgres EXIT
step "start PostgreSQL" weibao_start_postgres

export CI=true  # jest runs once, no watch mode
for tz in UTC Asia/Shanghai; do
  step "jest, TZ=$tz" env TZ="$tz" yarn backstage-cli repo test --maxWorkers=2
done

created="$(weibao_postgres_databases_created)"
if [ "$created" -lt 1 ]; then
  weibao_log "FAIL: no test database was created on PostgreSQL: the PostgreSQL tests did not run"
  exit 1
fi
weibao_log "PostgreSQL served the tests: $created test databases created"

weibao_ensure_chromium() {
  [ -x "${WEIBAO_CHROMIUM:-/usr/bin/chromium}" ] && fc-list :lang=zh 2>/dev/null | grep -q . && return 0
  weibao_log "installing Debian's chromium and a Chinese font for the browser tests"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
}
step "install chromium" weibao_ensure_chromium
step "browser tests (e2e, Playwright + chromium)" yarn --cwd e2e test
# the tarballs of the pack step installed by their READMEs into a stock create-app app (pinned
# by e2e/adopter/yarn.lock), built for production and checked on this PostgreSQL
step "adopter test (stock app, packed plugins, production build)" \
  env WEIBAO_ADOPTER_PACKS=dist-packs ./scripts/adopter-test.sh

# the README's "Run it in production": yarn build:backend, the Dockerfile's steps without Docker,
# the bundle on an empty database of this PostgreSQL, a real OIDC sign-in in chromium
step "production (bundle, Dockerfile steps, OIDC)" env WEIBAO_PG_PORT="$WEIBAO_PG_PORT" ./scripts/production-test.sh

weibao_log "all tests passed in $(( $(date +%s) - started ))s"
printf '  %s\n' "${timings[@]}" >&2
