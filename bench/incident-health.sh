#!/usr/bin/env bash
# Runs bench/incident-health.ts (see bench/README.md).
#
# With --sqlite, or when BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING is already set, it
# runs the script as is. Otherwise it starts a private PostgreSQL (scripts/postgres.sh: a
# throw-away cluster on 127.0.0.1, a free port) for the run and stops it afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/env.sh
source "$ROOT/scripts/env.sh"
# shellcheck source=../scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"
weibao_ensure_node >/dev/null 2>&1 || weibao_ensure_node

needs_postgres=1
for arg in "$@"; do
  [ "$arg" = "--sqlite" ] && needs_postgres=0
done
if [ "$needs_postgres" = 1 ] && env | grep -qE '^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]+_CONNECTION_STRING='; then
  needs_postgres=0
fi

if [ "$needs_postgres" = 1 ]; then
  trap weibao_stop_postgres EXIT
  weibao_start_postgres
  # the whole cluster goes at the end: no need to drop the benchmark's databases
  export WEIBAO_BENCH_PRIVATE_PG=1
fi

cd "$ROOT"
node --require @backstage/cli/config/nodeTransform.cjs bench/incident-health.ts "$@"
