#!/usr/bin/env bash
# Builds Weibao's five plugin packages and packs each into a publishable tarball, the way
# `npm publish` would ship it (yarn pack runs Backstage's prepack/postpack), then checks them:
#
#   ./scripts/pack.sh [outdir]          (default: dist-packs/, git-ignored)
#
# Writes <outdir>/weibao-plugin-weibao-common.tgz, weibao-plugin-weibao-backend.tgz,
# weibao-plugin-weibao.tgz, weibao-plugin-catalog-backend-module-weibao.tgz and
# weibao-plugin-permission-backend-module-weibao.tgz (stable names, no version).
#
# Each tarball must hold its entry points (package.json's main/module/types/exports/typesVersions
# resolve to files in it), its type declarations, its migrations and config schema where it has
# them, backstage.pluginPackages, dependencies that match what its code imports, and real
# versions of @weibao/* dependencies (never `workspace:`); no tests, fixtures, test utilities,
# dev setups or sources. Any miss fails the script (exit 1). See scripts/pack-verify.cjs.
#
# WEIBAO_PACK_SKIP_BUILD=1 packs what is already built (after `yarn build:all`).
set -euo pipefail
source "$(dirname "$0")/env.sh"
weibao_ensure_node
cd "$WEIBAO_ROOT"

# In dependency order; the tarball's name is the package name without '@', '/' as '-'.
PACKAGES=(
  weibao-common
  catalog-backend-module-weibao
  weibao-backend
  permission-backend-module-weibao
  weibao
)

out="${1:-dist-packs}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
started=$(date +%s)

# A pack interrupted between prepack and postpack leaves the published package.json in place
# (its original in package.json-prepack): put the original back before doing anything.
restore_package_json() {
  local p
  for p in "${PACKAGES[@]}"; do
    if [ -f "plugins/$p/package.json-prepack" ]; then
      weibao_log "restoring plugins/$p/package.json after an interrupted pack"
      (cd "plugins/$p" && yarn backstage-cli package postpack) || true
    fi
  done
}
restore_package_json
trap restore_package_json EXIT

if [ "${WEIBAO_PACK_SKIP_BUILD:-}" != 1 ]; then
  t0=$(date +%s)
  weibao_log "type declarations (yarn tsc → dist-types/), then the packages (backstage-cli repo build)"
  yarn tsc
  yarn backstage-cli repo build
  weibao_log "built in $(( $(date +%s) - t0 ))s"
fi

# The packs run side by side (each is mostly Backstage's prepack reading the declarations);
# each one's output goes to a log that is shown if it fails.
t0=$(date +%s)
logs="$(mktemp -d)"
declare -A pids=()
for p in "${PACKAGES[@]}"; do
  name="$(node -p "require('./plugins/$p/package.json').name")"
  file="$out/$(echo "${name#@}" | tr / -).tgz"
  rm -f "$file"
  weibao_log "packing $name → $file"
  (cd "plugins/$p" && yarn pack --out "$file") >"$logs/$p.log" 2>&1 &
  pids[$p]=$!
done
failed=0
for p in "${PACKAGES[@]}"; do
  if ! wait "${pids[$p]}"; then
    weibao_log "FAIL: yarn pack failed for plugins/$p:"
    cat "$logs/$p.log" >&2
    failed=1
  fi
done
rm -rf "$logs"
[ "$failed" = 0 ] || exit 1
weibao_log "packed in $(( $(date +%s) - t0 ))s"

node scripts/pack-verify.cjs "$out" "${PACKAGES[@]/#/plugins/}"
weibao_log "pack: ${#PACKAGES[@]} tarballs in $out, checked, in $(( $(date +%s) - started ))s"
