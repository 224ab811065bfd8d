# shellcheck shell=bash
# Sourced by scripts/test.sh: a private, throw-away PostgreSQL for the tests.
#
# Debian's postgresql package (installed when missing), a cluster in a temp dir, listening on
# 127.0.0.1 only, on a free port. Every DDL statement is logged so that, after the run, we can
# prove the tests really created databases on it (TestDatabases silently skips an engine that
# is not configured).

weibao_as_pg() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

weibao_install_postgres() {
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then return 0; fi
  weibao_log "PostgreSQL is not installed: installing Debian's postgresql"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

weibao_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

weibao_start_postgres() {
  weibao_install_postgres || return 1
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  WEIBAO_PG_MAJOR="$(basename "$(dirname "$bin")")"
  WEIBAO_PG_DIR="$(mktemp -d /tmp/weibao-pg.XXXXXX)"
  WEIBAO_PG_PORT="$(weibao_free_port)"
  WEIBAO_PG_BIN="$bin"
  chmod 755 "$WEIBAO_PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$WEIBAO_PG_DIR"
  weibao_as_pg "'$bin/initdb' -D '$WEIBAO_PG_DIR/data' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >"$WEIBAO_PG_DIR/initdb.log" 2>&1 \
    || { cat "$WEIBAO_PG_DIR/initdb.log" >&2; return 1; }
  weibao_as_pg "'$bin/pg_ctl' -D '$WEIBAO_PG_DIR/data' -l '$WEIBAO_PG_DIR/pg.log' -w -t 60 -o \"-c listen_addresses=127.0.0.1 -p $WEIBAO_PG_PORT -k $WEIBAO_PG_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c log_statement=ddl\" start" >/dev/null \
    || { cat "$WEIBAO_PG_DIR/pg.log" >&2; return 1; }
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${WEIBAO_PG_MAJOR}_CONNECTION_STRING=postgresql://postgres:postgres@127.0.0.1:${WEIBAO_PG_PORT}"
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
  export WEIBAO_TEST_REQUIRE_POSTGRES=1
  weibao_log "PostgreSQL $WEIBAO_PG_MAJOR running on 127.0.0.1:$WEIBAO_PG_PORT (data in $WEIBAO_PG_DIR)"
}

# How many databases the tests created on our server: the proof that PostgreSQL ran.
weibao_postgres_databases_created() {
  grep -c 'statement: CREATE DATABASE' "$WEIBAO_PG_DIR/pg.log" 2>/dev/null || echo 0
}

weibao_stop_postgres() {
  [ -n "${WEIBAO_PG_DIR:-}" ] && [ -d "$WEIBAO_PG_DIR/data" ] || return 0
  weibao_as_pg "'$WEIBAO_PG_BIN/pg_ctl' -D '$WEIBAO_PG_DIR/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$WEIBAO_PG_DIR"
}
