#!/usr/bin/env bash
# Binding tests (`npm run test:bindings`): builds the packages (`npm run package`), then proves them:
#   - dotnet: dist/dotnet holds C# for every public type and member of the assembly;
#   - python: a virtualenv with the built wheel and aws-cdk-lib from PyPI synthesizes the example app
#     (python/app.py) to the same template and construct tree as the TypeScript one (example/app.ts),
#     and python/test_api.py exercises the API;
#   - java: a Maven project on the jar from dist/java and aws-cdk-lib from Maven Central does the same
#     (java/src/main/...) and runs its JUnit tests (java/src/test/...);
#   - both run the Python and Java examples of the README.
# Every check prints `PASS ...` or `FAIL ...`; the last line is `N passed, M failed`.
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

  # --- TypeScript: the reference template ----------------------------------------------------------------
  synth_typescript() {
    local app
    app=$(node -p "require('./example/cdk.json').app")
    (cd example && CDK_OUTDIR="$work/typescript.out" CDK_CONTEXT_JSON="$BINDINGS_CONTEXT" bash -c "$app")
  }
  step "typescript: the example app synthesizes" synth_typescript || finish

  # --- .NET ----------------------------------------------------------------------------------------------
  step "dotnet: generated sources" node "$bindings/dotnet/check-generated.js" "$root"

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
  if step "python: the wheel installs with aws-cdk-lib and constructs from PyPI" python_install; then
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
  if step "java: the example app compiles against the jar and synthesizes" java_synth; then
    step "java: same template as TypeScript" node "$bindings/compare.js" java "$work/typescript.out" "$work/java.out" "$stack_id"
  fi
  step "java: API tests and README examples" java_tests

  finish
}

main "$@"
