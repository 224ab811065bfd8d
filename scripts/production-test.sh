#!/usr/bin/env bash
# The README's "Run it in production", exercised: builds the production bundle, installs it the
# way packages/backend/Dockerfile does (scripts/dockerfile-run.cjs follows that file's
# instructions without Docker, in a temp dir), starts its CMD with app-config.yaml +
# app-config.production.yaml on an EMPTY PostgreSQL, with a test OpenID Connect provider
# (e2e/production/oidc-idp.mjs) in place of the vendor's Keycloak, then checks:
#   - migrations ran on the empty server (the weibao plugin's tables exist);
#   - one port serves the frontend (app-backend) and the API;
#   - over HTTP with the static token (backend.auth.externalAccess): the catalog loaded examples/,
#     the health summary answers, an incident can be reported; without a token: 401;
#   - guest sign-in is off: GET /api/auth/guest/refresh gives no token;
#   - in Chromium: a real sign-in through the provider as 张伟 (zhang.wei), who then sees his
#     team's systems on the Weibao page; a wrong password gets no session.
# Prints the figures: build time, bundle size, focus-install time, node_modules size, start time,
# backend RSS, total time. Screenshots in e2e/test-results/production/.
#
# PostgreSQL: POSTGRES_HOST/PORT/USER/PASSWORD when set; else the server scripts/test.sh started
# (WEIBAO_PG_PORT); else a private one started here. Databases are named <prefix><plugin> with a
# fresh prefix (prod_<random>_), checked absent before the start and dropped afterwards.
# WEIBAO_PROD_SKIP_BUILD=1 uses the bundle already in packages/backend/dist.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/postgres.sh"
weibao_ensure_node
cd "$WEIBAO_ROOT"

started=$(date +%s)
work="$(mktemp -d /tmp/weibao-prod.XXXXXX)"
backend_pid=""
idp_pid=""
prefix="prod_$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')_"
own_pg=""
pg_ready=""

psql_bin() { ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n1; }
psql_run() { PGPASSWORD="$POSTGRES_PASSWORD" "$(psql_bin)" -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -At "$@"; }

cleanup() {
  local rc=$?
  set +e
  local pid i
  for pid in $backend_pid $idp_pid; do
    kill "$pid" 2>/dev/null || continue
    # the backend shuts down gracefully (open connections first): 20 s, then it is killed
    for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  if [ -n "$pg_ready" ]; then
    local db
    for db in $(psql_run -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE '${prefix}%'" 2>/dev/null); do
      psql_run -d postgres -q -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
  [ -n "$own_pg" ] && weibao_stop_postgres
  if [ "$rc" != 0 ]; then
    weibao_log "FAIL (exit $rc). Backend log (last 60 lines):"
    tail -n 60 "$work/backend.log" 2>/dev/null >&2 || true
    weibao_log "IdP log:"; tail -n 20 "$work/idp.log" 2>/dev/null >&2 || true
    mkdir -p e2e/test-results/production
    cp "$work"/*.log e2e/test-results/production/ 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap "exit 143" TERM INT

fail() { weibao_log "FAIL: $*"; exit 1; }

# ── PostgreSQL
if [ -z "${POSTGRES_HOST:-}" ]; then
  if [ -z "${WEIBAO_PG_PORT:-}" ]; then
    weibao_start_postgres
    own_pg=1
  fi
  export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$WEIBAO_PG_PORT" POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
fi
export POSTGRES_PORT="${POSTGRES_PORT:-5432}" POSTGRES_USER="${POSTGRES_USER:-postgres}" POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-postgres}"
[ -n "$(psql_bin)" ] || fail "psql not found (Debian's postgresql-client)"
psql_run -d postgres -c 'SELECT 1' >/dev/null || fail "cannot reach PostgreSQL at $POSTGRES_HOST:$POSTGRES_PORT"
pg_ready=1
existing="$(psql_run -d postgres -c "SELECT count(*) FROM pg_database WHERE datname LIKE '${prefix}%'")"
[ "$existing" = 0 ] || fail "databases named ${prefix}* already exist"
weibao_log "PostgreSQL at $POSTGRES_HOST:$POSTGRES_PORT, empty: databases will be ${prefix}<plugin>"

# ── 1. the production bundle (README: yarn build:backend)
t0=$(date +%s)
if [ "${WEIBAO_PROD_SKIP_BUILD:-}" != 1 ]; then
  weibao_log "yarn build:backend (the frontend app, the plugins, the backend bundle)"
  /usr/bin/time -f '%M' -o "$work/build.rss" yarn build:backend >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log" >&2; fail "yarn build:backend failed"; }
fi
build_s=$(( $(date +%s) - t0 ))
for f in skeleton.tar.gz bundle.tar.gz; do
  [ -s "packages/backend/dist/$f" ] || fail "packages/backend/dist/$f is missing"
done
bundle_bytes=$(stat -c %s packages/backend/dist/bundle.tar.gz)

# ── 2. the image, without Docker: packages/backend/Dockerfile's instructions in $work/image
t0=$(date +%s)
weibao_log "following packages/backend/Dockerfile in $work/image"
node scripts/dockerfile-run.cjs packages/backend/Dockerfile . "$work/image" >"$work/image.json" 2> >(tee "$work/dockerfile.log" >&2) \
  || fail "a Dockerfile step failed"
image_s=$(( $(date +%s) - t0 ))
focus_s="$(awk '/RUN yarn workspaces focus/ {f=1} f && /done in/ {sub(/.*done in /, ""); sub(/s$/, ""); print; exit}' "$work/dockerfile.log")"
appdir="$(node -p "require('$work/image.json').workdir")"
[ -f "$appdir/packages/app/dist/index.html" ] || fail "the bundle has no built frontend (packages/app/dist)"
[ -d "$appdir/node_modules/@weibao" ] || fail "the production install has no @weibao packages"
[ ! -e "$appdir/node_modules/better-sqlite3" ] || fail "better-sqlite3 (development only) is in the production install"
modules_mb=$(du -sm "$appdir/node_modules" | cut -f1)

# ── 3. the test OpenID Connect provider and the backend
port="$(weibao_free_port)"
idp_port="$(weibao_free_port)"
base="http://localhost:$port"
secret() { head -c24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
token="$(secret)"
idp_password="$(secret)"
client_secret="$(secret)"

(cd e2e && IDP_PORT="$idp_port" IDP_CLIENT_ID=weibao IDP_CLIENT_SECRET="$client_secret" \
  IDP_REDIRECT_URI="$base/api/auth/oidc/handler/frame" IDP_PASSWORD="$idp_password" \
  exec node production/oidc-idp.mjs) >"$work/idp.log" 2>&1 &
idp_pid=$!
for _ in $(seq 1 60); do grep -q '^listening' "$work/idp.log" && break; sleep 0.5; done
grep -q '^listening' "$work/idp.log" || fail "the test OIDC provider did not start"

# the Dockerfile's ENV and CMD, with the deployment's environment (README: the env variables)
mapfile -t image_env < <(node -e "for (const [k,v] of Object.entries(require('$work/image.json').env)) console.log(k+'='+v)")
mapfile -t cmd < <(node -e "for (const a of require('$work/image.json').cmd) console.log(a)")
weibao_log "starting: ${cmd[*]} (in $appdir, $base)"
t0=$(date +%s)
(cd "$appdir" && exec env "${image_env[@]}" \
  WEIBAO_BASE_URL="$base" \
  POSTGRES_HOST="$POSTGRES_HOST" POSTGRES_PORT="$POSTGRES_PORT" POSTGRES_USER="$POSTGRES_USER" POSTGRES_PASSWORD="$POSTGRES_PASSWORD" \
  AUTH_OIDC_METADATA_URL="http://127.0.0.1:$idp_port/.well-known/openid-configuration" \
  AUTH_OIDC_CLIENT_ID=weibao AUTH_OIDC_CLIENT_SECRET="$client_secret" \
  AUTH_SESSION_SECRET="$(secret)" WEIBAO_API_TOKEN="$token" \
  APP_CONFIG_backend_listen=":$port" APP_CONFIG_backend_database_prefix="$prefix" \
  "${cmd[@]}") >"$work/backend.log" 2>&1 &
backend_pid=$!
ready=""
for _ in $(seq 1 240); do
  kill -0 "$backend_pid" 2>/dev/null || fail "the backend exited"
  if curl -fsS -o /dev/null "$base/.backstage/health/v1/readiness" 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || fail "the backend was not ready within 120 s"
start_s=$(( $(date +%s) - t0 ))
weibao_log "backend ready in ${start_s}s"

# ── 4. checks over HTTP
auth=(-H "Authorization: Bearer $token")
api() { curl -sS "${auth[@]}" "$@"; }
status() { curl -sS -o /dev/null -w '%{http_code}' "$@"; }

# migrations on the empty server
tables="$(psql_run -d "${prefix}weibao" -c "SELECT count(*) FROM information_schema.tables WHERE table_schema='public' AND table_name NOT LIKE '%knex%'")"
[ "$tables" -ge 5 ] || fail "database ${prefix}weibao has $tables tables: the weibao migrations did not run"
migrations="$(psql_run -d "${prefix}weibao" -c "SELECT count(*) FROM weibao_knex_migrations")"
expected_migrations="$(ls plugins/weibao-backend/migrations | grep -c '\.js$')"
[ "$migrations" = "$expected_migrations" ] || fail "${prefix}weibao ran $migrations migrations, the plugin has $expected_migrations"
weibao_log "migrations: $migrations of the weibao plugin ran on the empty server ($tables tables); databases: $(psql_run -d postgres -c "SELECT string_agg(datname, ' ' ORDER BY datname) FROM pg_database WHERE datname LIKE '${prefix}%'")"

# the frontend, served by the backend on the same port, with the production config injected
html="$(curl -fsS "$base/weibao")" || fail "GET /weibao (the frontend) failed"
grep -q '<div id="root">' <<<"$html" || fail "GET /weibao did not serve the frontend's index.html"

# guest sign-in is off
guest="$(curl -sS -w '\n%{http_code}' "$base/api/auth/guest/refresh")"
grep -q '"token"' <<<"$guest" && fail "GET /api/auth/guest/refresh gave a token: $guest"
weibao_log "guest refresh refused: HTTP $(tail -n1 <<<"$guest")"

# no token, no API
[ "$(status "$base/api/weibao/incidents")" = 401 ] || fail "GET /api/weibao/incidents without a token was not 401"

# the catalog loads examples/ (a contract is accepted on the pass after its systems)
count() { api "$base/api/catalog/entities/by-query?filter=kind=$1&limit=100" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).items.length)}catch{console.log(0)}})'; }
components="$(cat examples/*.yaml | grep -c '^kind: Component')"
contracts="$(cat examples/*.yaml | grep -c '^kind: MaintenanceContract')"
t0=$(date +%s)
for _ in $(seq 1 90); do
  [ "$(count component)" = "$components" ] && [ "$(count maintenancecontract)" = "$contracts" ] && break
  sleep 2
done
[ "$(count component)" = "$components" ] && [ "$(count maintenancecontract)" = "$contracts" ] \
  || fail "the catalog did not load examples/ ($components components, $contracts contracts): $(count component), $(count maintenancecontract)"
weibao_log "catalog: examples loaded in $(( $(date +%s) - t0 ))s after start"

# the health summary answers: nothing open on the fresh database; one open incident once reported
open_incidents() {
  api -f "$base/api/weibao/systems/default/zlhis-chongzuo/health" | node -e '
    let s = ""; process.stdin.on("data", d => (s += d)).on("end", () => {
      const h = JSON.parse(s);
      if (h.systemRef !== "component:default/zlhis-chongzuo" || typeof h.openIncidents !== "number") process.exit(1);
      console.log(h.openIncidents);
    });'
}
before="$(open_incidents)" || fail "the health summary of zlhis-chongzuo failed or is not one"
[ "$before" = 0 ] || fail "the health summary shows $before open incidents on an empty database"

# an incident can be reported
report='{"systemRef":"component:default/zlhis-chongzuo","title":"门诊收费结算报错 (production test)","symptoms":"收费室结算时提示医保接口返回超时","module":"门诊收费","impact":{"modules":["门诊收费"],"processes":["结算"],"userGroups":["收费员"]},"reporter":{"name":"信息科 李主任","contact":"0771-7820000"},"channel":"hotline","type":"request","urgency":"urgent","level":3,"occurredAt":"'"$(date -u -d '-5 min' +%Y-%m-%dT%H:%M:00Z)"'","reportedAt":"'"$(date -u +%Y-%m-%dT%H:%M:00Z)"'"}'
created="$(api -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$report" "$base/api/weibao/incidents")"
[ "$(tail -n1 <<<"$created")" = 201 ] || fail "POST /api/weibao/incidents: $created"
incident_id="$(head -n -1 <<<"$created" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))')"
api -f -o /dev/null "$base/api/weibao/incidents/$incident_id" || fail "the reported incident $incident_id cannot be read back"
after="$(open_incidents)" || fail "the health summary failed after the report"
[ "$after" = 1 ] || fail "the health summary shows $after open incidents after one report"
weibao_log "incident $incident_id reported with the static token; the health summary counts it"

rss_kb="$(awk '/VmRSS/{print $2}' "/proc/$backend_pid/status" 2>/dev/null || echo 0)"
[ "$rss_kb" -gt 0 ] 2>/dev/null || rss_kb="$(ps -o rss= -p "$(pgrep -P "$backend_pid" | head -n1)" 2>/dev/null || echo 0)"

# ── 5. the browser: a real OIDC sign-in
weibao_log "Chromium: sign-in through the OIDC provider, the team view"
(cd e2e && WEIBAO_PROD_URL="$base" WEIBAO_PROD_IDP_PASSWORD="$idp_password" \
  yarn playwright test -c production/playwright.config.ts) || fail "the browser checks failed"

cat >&2 <<EOF
$(weibao_log "production: all checks passed")
  yarn build:backend                    ${build_s}s$( [ -f "$work/build.rss" ] && echo ", peak $(( $(cat "$work/build.rss") / 1024 )) MB")
  bundle.tar.gz                         $(( bundle_bytes / 1024 )) KB
  image steps (Dockerfile, no Docker)   ${image_s}s, of which yarn workspaces focus --production ${focus_s}s
  production node_modules               ${modules_mb} MB
  backend start to ready (empty PG)     ${start_s}s
  backend RSS after start + checks      $(( rss_kb / 1024 )) MB
  total                                 $(( $(date +%s) - started ))s
EOF
