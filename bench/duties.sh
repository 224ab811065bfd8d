#!/usr/bin/env bash
# Runs bench/duties.ts (see bench/README.md): on SQLite by default, on PostgreSQL with --postgres.
#
# With --postgres it uses the server that BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING
# names when one is set (the run creates a database of its own there and drops it at the end);
# otherwise it starts a private PostgreSQL (scripts/postgres.sh: a throw-away cluster on
# 127.0.0.1, a free port) for the run and stops it afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/env.sh
source "$ROOT/scripts/env.sh"
# shellcheck source=../scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"
# Under `yarn bench:duties` the node on PATH is yarn's temporary shim of the right Node:
# weibao_ensure_node would write that temporary path into .tooling/bin/yarn, so it runs only when
# no Node 22 or 24 is on PATH.
case "$(weibao_node_major node)" in
  22 | 24) ;;
  *) weibao_ensure_node >/dev/null 2>&1 || weibao_ensure_node ;;
esac

needs_postgres=0
for arg in "$@"; do
  [ "$arg" = "--postgres" ] && needs_postgres=1
done
if [ "$needs_postgres" = 1 ] && env | grep -qE '^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]+_CONNECTION_STRING='; then
  needs_postgres=0
fi

if [ "$needs_postgres" = 1 ]; then
  trap weibao_stop_postgres EXIT
  weibao_start_postgres
  # the whole cluster goes at the end: no need to drop the benchmark's database
  export WEIBAO_BENCH_PRIVATE_PG=1
fi

cd "$ROOT"
node --require @backstage/cli/config/nodeTransform.cjs bench/duties.ts "$@"
