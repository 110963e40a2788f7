#!/usr/bin/env bash
# Installs what insyn needs to build, test and run on Debian 12: the C libraries,
# PostgreSQL (the tests start throw-away clusters of their own; none is left running),
# Chromium for the browser tests, nginx, wrk and hyperfine for the benchmarks, and the npm packages
# the browser tests use. Installs only what is missing, so a second run is quick.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config
          libmicrohttpd-dev libsqlite3-dev libjansson-dev libsodium-dev libcmocka-dev libcsv-dev
          libical-dev python3-icalendar libcairo2-dev libpango1.0-dev libzip-dev fonts-dejavu-core
          poppler-utils
          sqlite3 postgresql libpq-dev chromium nodejs npm)
[ "${1:-}" = "--bench" ] && packages+=(nginx-light wrk curl hyperfine)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js may come from elsewhere than Debian; what matters is that node and npm run.
if command -v node >/dev/null && command -v npm >/dev/null; then
    filtered=()
    for p in "${missing[@]}"; do [ "$p" = nodejs ] || [ "$p" = npm ] || filtered+=("$p"); done
    missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installerar ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
   || [ package-lock.json -nt node_modules ]; then
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules
fi
