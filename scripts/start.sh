#!/usr/bin/env bash
# Starts the Weibao portal (frontend + backend) with the example data.
# Installs what is missing first: Node 22 (into .tooling/ when the machine's is older), yarn,
# dependencies. Data is kept in embedded SQLite under .data/ (git-ignored) across restarts;
# set POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD to use PostgreSQL.
set -euo pipefail
source "$(dirname "$0")/env.sh"
weibao_ensure_node
weibao_ensure_deps

cd "$WEIBAO_ROOT"
config=(--config "$WEIBAO_ROOT/app-config.yaml")
if [ -n "${POSTGRES_HOST:-}" ]; then
  config+=(--config "$WEIBAO_ROOT/app-config.postgres.yaml")
  weibao_log "database: PostgreSQL at ${POSTGRES_HOST}:${POSTGRES_PORT:-5432}"
else
  mkdir -p .data/sqlite
  weibao_log "database: embedded SQLite in .data/sqlite"
fi
[ -f app-config.local.yaml ] && config+=(--config "$WEIBAO_ROOT/app-config.local.yaml")

weibao_log "starting: open the portal at app.baseUrl, http://localhost:3000 with the default config (backend: http://localhost:7007)"
exec yarn backstage-cli repo start "${config[@]}" "$@"
