#!/usr/bin/env bash
# Runs a TypeScript file from the sources (lib/*.ts, not the jsii build output), without type-checking.
set -euo pipefail
cd "$(dirname "$0")/.."
export TS_NODE_TRANSPILE_ONLY=true TS_NODE_PREFER_TS_EXTS=true TS_NODE_PROJECT=tsconfig.dev.json
export TS_NODE_COMPILER_OPTIONS='{"rootDir":"."}'
exec node -r ts-node/register "$@"
