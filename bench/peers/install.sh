#!/bin/sh
# Install the peer verifiers used by bench/bench_suites.py into bench/peers/node_modules
# (git-ignored): Digital Bazaar's Data Integrity libraries and jose, at the exact versions pinned
# in package.json / package-lock.json. Needs Node 20+ and npm, and the npm registry once; the
# benchmark itself then runs offline. No package runs install scripts (--ignore-scripts).
set -eu
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
    echo "install.sh: npm not found; install Node.js 20 or later first" >&2
    exit 1
fi
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --ignore-scripts
else
    npm install --no-audit --no-fund --ignore-scripts
fi
echo "peer verifiers installed in $(pwd)/node_modules"
