#!/usr/bin/env bash
# Builds the jsii assembly that the NuGet package is made from, into .cache/dotnet-assembly/ (called by package.sh).
#
# Why a second assembly: jsii records the API of the aws-cdk-lib and constructs it compiles against, and jsii-pacmak
# writes C# against that API. The package says it works with Amazon.CDK.Lib 2.95.1 and later (the peer range
# ^2.95.1), and NuGet restores the lowest version a range allows. C# written against the newest aws-cdk-lib (the
# development dependency) does not compile against an older Amazon.CDK.Lib: its interfaces have members that older
# releases lack (Constructs 10.5's `With()`, `IResource.Env` of another type). So the C# is generated from the same
# sources compiled against the floor of the range, aws-cdk-lib 2.95.1 and constructs 10.0.5 (the development
# aliases aws-cdk-lib-floor and constructs-floor). The JavaScript it compiles to must be byte-identical to lib/'s:
# only the types differ, never the code.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=.cache/dotnet-assembly

rm -rf "$out"
mkdir -p "$out/node_modules/@types"
# the sources (not what the main build compiled next to them) and what the package carries
cp -r lib "$out/lib"
find "$out/lib" \( -name '*.js' -o -name '*.d.ts' \) -delete
cp README.md LICENSE API.md DEVIATIONS.md tsconfig.json "$out/"
node -e "
const fs = require('fs');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
pkg.devDependencies = { 'aws-cdk-lib': require('aws-cdk-lib-floor/package.json').version, constructs: require('constructs-floor/package.json').version };
delete pkg.scripts;
fs.writeFileSync('$out/package.json', JSON.stringify(pkg, null, 2) + '\n');
"
# Real folders, not links: a link would resolve aws-cdk-lib's own `constructs` to the project's newer one.
# Hard links where the file system allows them (no copy of the data), else a copy.
copy() { cp -al "$1" "$2" 2>/dev/null || cp -r "$1" "$2"; }
copy node_modules/aws-cdk-lib-floor "$out/node_modules/aws-cdk-lib"
copy node_modules/constructs-floor "$out/node_modules/constructs"
ln -s "$root/node_modules/@types/node" "$out/node_modules/@types/node"

(cd "$out" && "$root/node_modules/.bin/jsii" --silence-warnings=reserved-word --silence-warnings=metadata/missing-dev-dependency)

# Same JavaScript as the main build, file for file.
differ=0
while IFS= read -r -d '' file; do
  if ! cmp -s "$file" "$out/$file"; then
    echo "dotnet-assembly: $file differs from the main build's" >&2
    differ=1
  fi
done < <(find lib -name '*.js' -print0)
[ "$differ" = 0 ]
echo "dotnet-assembly: $out/.jsii built against aws-cdk-lib $(node -p "require('./$out/node_modules/aws-cdk-lib/package.json').version") and constructs $(node -p "require('./$out/node_modules/constructs/package.json').version"); its JavaScript is the main build's"
