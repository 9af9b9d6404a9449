#!/usr/bin/env bash
# Binding tests (`npm run test:bindings`): builds the packages (`npm run package`), then proves them:
#   - dotnet: dist/dotnet holds C# for every public type and member of the assembly; where NuGet answers, a C#
#     app on the built NuGet package and Amazon.CDK.Lib from NuGet (dotnet/BatchExample) synthesizes the example
#     app to the same template and construct tree as the TypeScript one run on the same aws-cdk-lib version, and
#     xunit tests (dotnet/BatchExample.Tests) exercise the API;
#   - python: where PyPI answers, a virtualenv with the built wheel and aws-cdk-lib from PyPI synthesizes the
#     example app (python/app.py) to the same template and construct tree as the TypeScript one (example/app.ts),
#     and python/test_api.py exercises the API;
#   - java: where Maven Central answers, a Maven project on the jar from dist/java and aws-cdk-lib from Maven Central
#     does the same (java/src/main/...) and runs its JUnit tests (java/src/test/...);
#   - each language runs its examples of the README.
# Every check prints `PASS ...` or `FAIL ...`; the last line is `N passed, M failed`. A suite whose registry does
# not answer prints one line `<suite>: not run (<reason>)` and counts nothing (see scripts/registries.sh).
#
# BINDINGS_SKIP_PACKAGE=1 reuses dist/ as it is (quicker when only the tests changed).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bindings=$root/test/bindings
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}
export MAVEN_LOCAL_REPO=${MAVEN_LOCAL_REPO:-$root/.cache/m2}
work=$root/.cache/bindings
venv=$root/.cache/bindings-venv
results=$work/results.txt
stack_id=BatchExample
# The C# app also synthesizes a stack of the features the Python and Java apps do not use yet (dotnet/newer-features.ts)
newer_stack_id=BatchNewerFeatures
# Both sides synthesize without the CDK's version-reporting resource (its content differs by language) and
# with construct paths in the template, so that the comparison also covers the construct ids.
export BINDINGS_CONTEXT='{"aws:cdk:version-reporting":false,"aws:cdk:enable-path-metadata":true}'

# The whole script is one function, read in full before it runs: editing this file during a run is safe.
main() {
  rm -rf "$work"
  mkdir -p "$work"
  : >"$results"
  start=$(date +%s)

  # step <name> <command...>: runs one step with its output in a log. The `PASS`/`FAIL` lines it prints are
  # its tests; a step that prints none is one test itself, passed when it exits 0.
  step() {
    local name=$1
    shift
    local log
    log="$work/$(echo "$name" | tr -c 'A-Za-z0-9\n' '-').log"
    local t0
    t0=$(date +%s)
    echo "== $name"
    "$@" >"$log" 2>&1
    local rc=$?
    # the checks, each failed one with its indented details
    awk '/^(PASS|FAIL) /{print; d=/^FAIL/; next} d && /^    /{print; next} {d=0}' "$log"
    grep -E '^(PASS|FAIL) ' "$log" >>"$results"
    if ! grep -qE '^(PASS|FAIL) ' "$log"; then
      if [ "$rc" = 0 ]; then
        echo "PASS $name" | tee -a "$results"
      else
        echo "FAIL $name (exit code $rc)" | tee -a "$results"
      fi
    fi
    if [ "$rc" != 0 ] && ! grep -qE '^FAIL ' "$log"; then
      echo "   last lines of ${log#"$root"/}:"
      grep -v '^!!' "$log" | tail -n 40 | sed 's/^/   | /'
    fi
    echo "   ($(($(date +%s) - t0))s, log: ${log#"$root"/})"
    return "$rc"
  }

  finish() {
    local passed failed
    passed=$(grep -c '^PASS ' "$results")
    failed=$(grep -c '^FAIL ' "$results")
    echo "binding tests took $(($(date +%s) - start))s"
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
    exit $?
  }

  # --- packages -------------------------------------------------------------------------------------------
  if [ "${BINDINGS_SKIP_PACKAGE:-}" = 1 ] && [ -d dist/python ] && [ -d dist/java ] && [ -d dist/dotnet ]; then
    echo "== package: reusing dist/ (BINDINGS_SKIP_PACKAGE=1)"
  else
    step "package: npm run package builds the npm, Python, Java and .NET packages" bash scripts/package.sh || finish
  fi
  version=$(node -p "require('./package.json').version")
  node "$bindings/list-types.js" >"$work/types.txt"

  # --- .NET suite ----------------------------------------------------------------------------------------
  # The C# app runs on each Amazon.CDK.Lib of DOTNET_CDK_VERSIONS (the first also runs the xunit tests), compared
  # with the TypeScript app run on the npm aws-cdk-lib of the same version. The NuGet copy that this project's
  # machines reach serves Amazon.CDK.Lib 2.103.0 and 2.160.0 with the Constructs 10.0.5 they need; newer releases
  # need Constructs 10.5, which it does not serve (CONTRIBUTING.md, "Packages for other languages").
  dotnet_versions=(${DOTNET_CDK_VERSIONS:-2.160.0 2.103.0})
  dotnet_dir=$bindings/dotnet
  export NUGET_PACKAGES=${NUGET_PACKAGES:-$root/.cache/nuget-packages}
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  dotnet_args=("-p:BatchVersion=$version" -nologo)
  dotnet_config() {
    # The built package first; the machine's local folder of test packages where it has one; the user's sources.
    {
      echo '<?xml version="1.0" encoding="utf-8"?>'
      echo '<configuration><packageSources>'
      echo "  <add key=\"batch-alpha\" value=\"$root/dist/dotnet\" />"
      [ -d /opt/nuget/packages ] && echo '  <add key="local-packages" value="/opt/nuget/packages" />'
      echo '</packageSources></configuration>'
    } >"$dotnet_dir/nuget.config"
    # NuGet never extracts a version it already has: drop the copy of the library from the previous build.
    rm -rf "$NUGET_PACKAGES/amazon.cdk.aws.batch.alpha"
  }
  typescript_on() {
    local cdk=$1 lib=$root/.cache/aws-cdk-lib-$1
    if [ ! -f "$lib/node_modules/aws-cdk-lib/package.json" ]; then
      mkdir -p "$lib" && echo '{"private": true}' >"$lib/package.json"
      (cd "$lib" && npm install --no-audit --no-fund --no-save --ignore-scripts "aws-cdk-lib@$cdk" "constructs@$(node -p "require('constructs-floor/package.json').version")") || return
    fi
    (cd example && BATCH_AWS_CDK_LIB_DIR="$lib" CDK_OUTDIR="$work/typescript-$cdk.out" CDK_CONTEXT_JSON="$BINDINGS_CONTEXT" \
      node -r ../test/bindings/aws-cdk-lib-version.js -r ts-node/register/transpile-only app.ts) || return
    # The stack of features newer than the Python and Java apps (dotnet/newer-features.ts), type-checked
    (cd example && BATCH_AWS_CDK_LIB_DIR="$lib" CDK_OUTDIR="$work/typescript-newer-$cdk.out" CDK_CONTEXT_JSON="$BINDINGS_CONTEXT" \
      TS_NODE_PROJECT=tsconfig.json node -r ../test/bindings/aws-cdk-lib-version.js -r ts-node/register ../test/bindings/dotnet/newer-features.ts)
  }
  csharp_synth() {
    local cdk=$1
    rm -rf "$dotnet_dir/BatchExample/bin" "$dotnet_dir/BatchExample/obj"
    dotnet build "$dotnet_dir/BatchExample/BatchExample.csproj" "${dotnet_args[@]}" "-p:CdkLibVersion=$cdk" || return
    CDK_OUTDIR="$work/csharp-$cdk.out" CDK_CONTEXT_JSON="$BINDINGS_CONTEXT" \
      dotnet run --project "$dotnet_dir/BatchExample/BatchExample.csproj" --no-build
  }
  csharp_tests() {
    local cdk=$1 tests=$dotnet_dir/BatchExample.Tests
    node "$bindings/readme-snippets.js" csharp README.md "$tests" || return
    rm -rf "$tests/bin" "$tests/obj" "$work/csharp-tests"
    BATCH_TYPES_FILE="$work/types.txt" CDK_OUTDIR="$work/csharp-readme.out" dotnet test "$tests/BatchExample.Tests.csproj" \
      "${dotnet_args[@]}" "-p:CdkLibVersion=$cdk" --logger "trx;LogFileName=results.trx" --results-directory "$work/csharp-tests"
    local rc=$?
    echo
    node "$bindings/junit-summary.js" "dotnet (Amazon.CDK.Lib $cdk)" "$work/csharp-tests" || return
    return "$rc"
  }
  dotnet_suite() {
    dotnet_config
    local cdk
    for cdk in "${dotnet_versions[@]}"; do
      if step "dotnet: the TypeScript example app synthesizes on aws-cdk-lib $cdk" typescript_on "$cdk" \
        && step "dotnet: the C# example app builds on Amazon.CDK.Lib $cdk and synthesizes" csharp_synth "$cdk"; then
        step "dotnet: same template as TypeScript on $cdk" node "$bindings/compare.js" "dotnet (Amazon.CDK.Lib $cdk)" \
          "$work/typescript-$cdk.out" "$work/csharp-$cdk.out" "$stack_id"
        step "dotnet: same newer-features template as TypeScript on $cdk" node "$bindings/compare.js" "dotnet (Amazon.CDK.Lib $cdk)" \
          "$work/typescript-newer-$cdk.out" "$work/csharp-$cdk.out" "$newer_stack_id"
      fi
    done
    step "dotnet: API tests and README examples on Amazon.CDK.Lib ${dotnet_versions[0]}" csharp_tests "${dotnet_versions[0]}"
  }

  # --- TypeScript: the reference template ----------------------------------------------------------------
  synth_typescript() {
    local app
    app=$(node -p "require('./example/cdk.json').app")
    (cd example && CDK_OUTDIR="$work/typescript.out" CDK_CONTEXT_JSON="$BINDINGS_CONTEXT" bash -c "$app")
  }
  step "typescript: the example app synthesizes" synth_typescript || finish

  # shellcheck source=../../scripts/registries.sh
  source "$root/scripts/registries.sh"
  not_run() {
    echo "$1: not run ($2)" | tee -a "$work/not-run.txt"
  }

  # --- .NET ----------------------------------------------------------------------------------------------
  step "dotnet: generated sources" node "$bindings/dotnet/check-generated.js" "$root"
  if reason=$(registry_answers nuget); then
    if ls dist/dotnet/*.nupkg >/dev/null 2>&1; then
      dotnet_suite
    else
      not_run dotnet "no NuGet package in dist/dotnet"
    fi
  else
    not_run dotnet "$reason"
  fi

  # --- Python --------------------------------------------------------------------------------------------
  python_install() {
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || return
    "$venv/bin/pip" install --quiet -r "$bindings/python/requirements.txt" || return
    # Same version number on every build: force the freshly built wheel in, its dependencies are already there.
    "$venv/bin/pip" install --quiet --force-reinstall --no-deps dist/python/*.whl || return
    "$venv/bin/python" -c "import aws_cdk.aws_batch_alpha" || return
    "$venv/bin/pip" check
  }
  python_synth() {
    (cd "$bindings/python" && CDK_OUTDIR="$work/python.out" CDK_CONTEXT_JSON="$BINDINGS_CONTEXT" "$venv/bin/python" app.py)
  }
  python_tests() {
    (cd "$bindings/python" && BATCH_TYPES_FILE="$work/types.txt" "$venv/bin/python" run_tests.py)
  }
  python_readme() {
    node "$bindings/readme-snippets.js" python README.md "$work/readme-python" || return
    local file rc=0
    for file in "$work"/readme-python/readme_*.py; do
      if (cd "$work/readme-python" && CDK_OUTDIR="$work/readme-python/cdk.out" "$venv/bin/python" "$file"); then
        echo "PASS python: README example ${file##*/} runs"
      else
        echo "FAIL python: README example ${file##*/} runs"
        rc=1
      fi
    done
    return "$rc"
  }
  if ! reason=$(registry_answers pypi); then
    not_run python "$reason"
  elif step "python: the wheel installs with aws-cdk-lib and constructs from PyPI" python_install; then
    if step "python: the example app synthesizes" python_synth; then
      step "python: same template as TypeScript" node "$bindings/compare.js" python "$work/typescript.out" "$work/python.out" "$stack_id"
    fi
    step "python: API tests" python_tests
    step "python: README examples" python_readme
  fi

  # --- Java ----------------------------------------------------------------------------------------------
  mvn_args=(-B -ntp -Dstyle.color=never -f "$bindings/java/pom.xml" "-Dmaven.repo.local=$MAVEN_LOCAL_REPO" "-Dbatch.version=$version")
  # Maven never downloads a release it already has: drop the copy of the library from the previous build.
  rm -rf "$MAVEN_LOCAL_REPO/software/amazon/awscdk/batch-alpha"
  java_synth() {
    CDK_OUTDIR="$work/java.out" CDK_CONTEXT_JSON="$BINDINGS_CONTEXT" mvn "${mvn_args[@]}" compile exec:java
  }
  java_tests() {
    # The README's Java examples become one more test class (generated, not committed).
    node "$bindings/readme-snippets.js" java README.md "$bindings/java/src/test/java/example/batch" || return
    BATCH_TYPES_FILE="$work/types.txt" mvn "${mvn_args[@]}" -Dmaven.test.failure.ignore=true test
    local rc=$?
    echo
    node "$bindings/junit-summary.js" java "$bindings/java/target/surefire-reports" || return
    return "$rc"
  }
  rm -rf "$bindings/java/target" "$bindings/java/src/test/java/example/batch/ReadmeSnippetsTest.java"
  if ! reason=$(registry_answers maven); then
    not_run java "$reason"
  else
    if step "java: the example app compiles against the jar and synthesizes" java_synth; then
      step "java: same template as TypeScript" node "$bindings/compare.js" java "$work/typescript.out" "$work/java.out" "$stack_id"
    fi
    step "java: API tests and README examples" java_tests
  fi

  finish
}

main "$@"
