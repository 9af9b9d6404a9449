#!/usr/bin/env bash
# Lints synthesized CloudFormation templates with cfn-lint (pinned; installed into a venv under .cache/).
#
#   scripts/cfn-lint.sh            lints every template in .cache/templates (written by the tests
#                                  when BATCH_TEMPLATE_DIR is set, see test/robustness/templates.ts)
#   scripts/cfn-lint.sh DIR...     lints the *.json templates in the given directories
#
# Prints `cfn-lint: N templates, E errors, W warnings` and exits 1 on any error (or no template).
# Rules that disagree with the AWS documentation are ignored narrowly in .cfnlintrc.yaml, with reasons.
# cfn-lint comes from PyPI: where PyPI does not answer, it prints `cfn-lint: not run (<reason>)` and exits 3.
# (Every template is also checked by @aws/cloudformation-validate during the tests, on every machine.)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=registries.sh
source scripts/registries.sh

CFN_LINT_VERSION=1.58.0
venv=.cache/cfn-lint-venv
if ! "$venv/bin/cfn-lint" --version 2>/dev/null | grep -qx "cfn-lint $CFN_LINT_VERSION"; then
  if ! reason=$(registry_answers pypi); then
    echo "cfn-lint: not run ($reason)"
    exit 3
  fi
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "cfn-lint==$CFN_LINT_VERSION"
fi

dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  dirs=(.cache/templates)
fi
mapfile -t files < <(find "${dirs[@]}" -maxdepth 1 -name '*.json' ! -name 'manifest.json' ! -name 'tree.json' ! -name '*.assets.json' ! -name 'validation-report.json' 2>/dev/null | sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "cfn-lint: no templates found in ${dirs[*]}"
  exit 1
fi

out=.cache/cfn-lint-report.txt
set +e
# parseable output: one finding a line, `file:line:col:line:col:RULE:message`.
printf '%s\n' "${files[@]}" | xargs -n 200 "$venv/bin/cfn-lint" --config-file .cfnlintrc.yaml --format parseable -- > "$out" 2>&1
set -e
errors=$(grep -cE ':E[0-9]+:' "$out" || true)
warnings=$(grep -cE ':W[0-9]+:' "$out" || true)
grep -E ':[EW][0-9]+:' "$out" | head -50 || true
if grep -qE 'Traceback|^usage:' "$out"; then
  head -40 "$out"
  errors=$((errors + 1))
fi
echo "cfn-lint: ${#files[@]} templates, $errors errors, $warnings warnings"
[ "$errors" -eq 0 ]
