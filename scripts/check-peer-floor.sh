#!/usr/bin/env bash
# Type-checks lib/ against an older aws-cdk-lib, to find the lowest release whose typings cover
# everything the library uses (the floor of the peerDependency).
#   bash scripts/check-peer-floor.sh 2.96.2 [2.80.0 ...]
set -euo pipefail
cd "$(dirname "$0")/.."
for version in "$@"; do
  dir=".cache/peer-floor/$version"
  if [ ! -d "$dir/node_modules/aws-cdk-lib" ]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --ignore-scripts --legacy-peer-deps \
      "aws-cdk-lib@$version" constructs@10.5.0 >/dev/null 2>&1
  fi
  cat > "$dir/tsconfig.json" <<JSON
{
  "compilerOptions": {
    "target": "ES2022", "module": "commonjs", "moduleResolution": "node", "ignoreDeprecations": "6.0",
    "strict": true, "noEmit": true, "skipLibCheck": true, "types": [],
    "baseUrl": "../../..",
    "paths": {
      "aws-cdk-lib": [".cache/peer-floor/$version/node_modules/aws-cdk-lib"],
      "aws-cdk-lib/*": [".cache/peer-floor/$version/node_modules/aws-cdk-lib/*"],
      "constructs": [".cache/peer-floor/$version/node_modules/constructs"]
    }
  },
  "files": ["../../../lib/index.ts"]
}
JSON
  if npx tsc -p "$dir/tsconfig.json" > "$dir/tsc.log" 2>&1; then
    echo "aws-cdk-lib $version: lib/ type-checks"
  else
    echo "aws-cdk-lib $version: $(grep -c 'error TS' "$dir/tsc.log") type errors (see $dir/tsc.log)"
  fi
done
