#!/usr/bin/env bash
# Builds the library's packages for every language into dist/:
#   dist/js      aws-batch-alpha@<version>.jsii.tgz, the npm package
#   dist/python  wheel and sdist                                   (where PyPI answers; else the sources only)
#   dist/java    Maven repository (jar, sources, javadoc, pom)     (where Maven Central answers; else the sources only)
#   dist/dotnet  NuGet package Amazon.CDK.AWS.Batch.Alpha           (where dotnet and NuGet answer; else the sources only)
#
# The Python build installs its tools from PyPI; the Java build resolves its plugins and dependencies from
# Maven Central into MAVEN_LOCAL_REPO (default .cache/m2), which the binding tests reuse; the .NET build restores
# Amazon.CDK.Lib, Constructs and the jsii runtime from NuGet. A package whose registry does not answer is generated
# as source code only, and the script says so in a line `<package>: not built (<reason>)` (see scripts/registries.sh).
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
pacmak=("$root/node_modules/.bin/jsii-pacmak" --outdir "$root/dist")
if [ -f .jsii.tabl.json ]; then
  pacmak+=(--rosetta-tablet "$root/.jsii.tabl.json")
fi

# shellcheck source=registries.sh
source scripts/registries.sh

# Start from an empty dist/: nothing left over from an earlier version or a type that no longer exists.
rm -rf dist
expected=('dist/js/*.tgz')
echo "package: npm package (jsii-pacmak)"
"${pacmak[@]}" --targets js

if reason=$(registry_answers pypi); then
  echo "package: Python package (jsii-pacmak)"
  "${pacmak[@]}" --targets python
  expected+=('dist/python/*.whl' 'dist/python/*.tar.gz')
else
  echo "python package: not built ($reason); Python sources generated in dist/python"
  "${pacmak[@]}" --targets python --code-only
  expected+=('dist/python/setup.py')
fi

if reason=$(registry_answers maven); then
  echo "package: Java package (jsii-pacmak)"
  "${pacmak[@]}" --targets java --maven-local-repository "$MAVEN_LOCAL_REPO"
  expected+=('dist/java/software/amazon/awscdk/batch-alpha/*/batch-alpha-*[0-9].jar'
    'dist/java/software/amazon/awscdk/batch-alpha/*/batch-alpha-*-sources.jar'
    'dist/java/software/amazon/awscdk/batch-alpha/*/batch-alpha-*-javadoc.jar')
else
  echo "java package: not built ($reason); Java sources generated in dist/java"
  "${pacmak[@]}" --targets java --code-only
  expected+=('dist/java/pom.xml')
fi

# The C# comes from the assembly compiled against the floor of the aws-cdk-lib range (see dotnet-assembly.sh).
if reason=$(registry_answers nuget); then
  bash scripts/dotnet-assembly.sh
  echo "package: .NET package (jsii-pacmak, compiled with dotnet $(dotnet --version))"
  # the package, then its C# sources beside it for test/bindings/dotnet/check-generated.js
  (cd .cache/dotnet-assembly && "${pacmak[@]}" --targets dotnet && "${pacmak[@]}" --targets dotnet --code-only)
  expected+=('dist/dotnet/*.nupkg' 'dist/dotnet/*/*.csproj')
else
  echo "dotnet package: not built ($reason); C# sources generated in dist/dotnet"
  "${pacmak[@]}" --targets dotnet --code-only
  expected+=('dist/dotnet/*/*.csproj')
fi

# Fail loudly when an artifact is missing rather than leaving a half-filled dist/.
missing=0
for pattern in "${expected[@]}"; do
  # shellcheck disable=SC2086
  if ! ls $pattern >/dev/null 2>&1; then
    echo "package: missing $pattern" >&2
    missing=1
  fi
done
[ "$missing" = 0 ] || exit 1

find dist -type f \( -name '*.tgz' -o -name '*.whl' -o -name '*.tar.gz' -o -name '*.jar' -o -name '*.csproj' -o -name '*.nupkg' \) | sort
echo "package: done in $(elapsed)"
