#!/usr/bin/env bash
# Builds the library's packages for every language into dist/:
#   dist/js      aws-batch-alpha@<version>.jsii.tgz, the npm package
#   dist/python  wheel and sdist
#   dist/java    Maven repository (jar, sources, javadoc, pom)
#   dist/dotnet  generated C# project (compiled into a NuGet package only when a .NET SDK is on the PATH)
#
# The Python build installs its tools from PyPI; the Java build resolves its plugins and dependencies from
# Maven Central into MAVEN_LOCAL_REPO (default .cache/m2), which the binding tests reuse.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}
export MAVEN_LOCAL_REPO=${MAVEN_LOCAL_REPO:-$root/.cache/m2}
mkdir -p "$MAVEN_LOCAL_REPO" .cache

start=$(date +%s)
elapsed() { echo "$(( $(date +%s) - start ))s"; }

# Build with jsii unless the assembly is newer than every source it comes from.
if [ ! -f .jsii ] || [ -n "$(find lib package.json README.md -newer .jsii \( -name '*.ts' ! -name '*.d.ts' -o -name package.json -o -name README.md \) -print -quit)" ]; then
  echo "package: building with jsii"
  npm run --silent build
else
  echo "package: .jsii is up to date, not rebuilding"
fi
# The README's snippets become Python/Java/C# docs; the rosetta tablet (from `npm run rosetta`, part of `npm test`)
# holds their compiled form. Without it jsii-pacmak translates them on the fly.
pacmak=(npx --no-install jsii-pacmak --outdir dist)
if [ -f .jsii.tabl.json ]; then
  pacmak+=(--rosetta-tablet .jsii.tabl.json)
fi

# Start from an empty dist/: nothing left over from an earlier version or a type that no longer exists.
rm -rf dist
echo "package: npm, Python and Java packages (jsii-pacmak)"
"${pacmak[@]}" --targets js --targets python --targets java --maven-local-repository "$MAVEN_LOCAL_REPO"

if command -v dotnet >/dev/null 2>&1; then
  echo "package: .NET package (jsii-pacmak, compiled with $(dotnet --version))"
  "${pacmak[@]}" --targets dotnet
else
  echo "package: .NET: no dotnet SDK on PATH, C# sources generated in dist/dotnet but the .NET compile was not run"
  "${pacmak[@]}" --targets dotnet --code-only
fi

# Fail loudly when an artifact is missing rather than leaving a half-filled dist/.
missing=0
for pattern in 'dist/js/*.tgz' 'dist/python/*.whl' 'dist/python/*.tar.gz' \
  'dist/java/software/amazon/awscdk/batch-alpha/*/batch-alpha-*[0-9].jar' \
  'dist/java/software/amazon/awscdk/batch-alpha/*/batch-alpha-*-sources.jar' \
  'dist/java/software/amazon/awscdk/batch-alpha/*/batch-alpha-*-javadoc.jar' \
  'dist/dotnet/*/*.csproj'; do
  # shellcheck disable=SC2086
  if ! ls $pattern >/dev/null 2>&1; then
    echo "package: missing $pattern" >&2
    missing=1
  fi
done
[ "$missing" = 0 ] || exit 1

find dist -type f \( -name '*.tgz' -o -name '*.whl' -o -name '*.tar.gz' -o -name '*.jar' -o -name '*.csproj' -o -name '*.nupkg' \) | sort
echo "package: done in $(elapsed)"
