#!/usr/bin/env node
'use strict';
// Prints one `PASS`/`FAIL` line per test case of the test reports in a folder, with the failure message under each
// failed one: surefire's JUnit XML (`TEST-*.xml`, Java) or Visual Studio's TRX (`*.trx`, `dotnet test --logger trx`).
// Exits non-zero when a test failed, was skipped, or there are no reports.
// usage: node junit-summary.js <label> <reports folder>
const fs = require('fs');
const path = require('path');

const [label, dir] = process.argv.slice(2);
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^TEST-.*\.xml$|\.trx$/.test(f)) : [];
if (files.length === 0) {
  console.log(`FAIL ${label}: tests ran (no test reports in ${dir}: the build failed before the tests)`);
  process.exit(1);
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const attribute = (attrs, name) => unescape((attrs.match(new RegExp(`\\b${name}="([^"]*)"`)) || [])[1] || '');

/** The test cases of one JUnit report: `<testcase name classname>` with `<failure>`, `<error>` or `<skipped>` inside. */
function junitCases(xml) {
  return [...xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => {
    const body = m[3] || '';
    const problem = body.match(/<(failure|error)\b([^>]*)>/);
    return {
      name: `${attribute(m[1], 'classname')}.${attribute(m[1], 'name')}`,
      failed: problem !== null,
      skipped: /<skipped\b/.test(body),
      message: problem ? attribute(problem[2], 'message') : '',
    };
  });
}

/** The test cases of one TRX report: `<UnitTestResult testName outcome>` with `<ErrorInfo><Message>` inside. */
function trxCases(xml) {
  return [...xml.matchAll(/<UnitTestResult\b([^>]*?)(\/>|>([\s\S]*?)<\/UnitTestResult>)/g)].map((m) => {
    const outcome = attribute(m[1], 'outcome');
    return {
      name: attribute(m[1], 'testName'),
      failed: outcome !== 'Passed' && outcome !== 'NotExecuted',
      skipped: outcome === 'NotExecuted',
      message: unescape(((m[3] || '').match(/<Message>([\s\S]*?)<\/Message>/) || [])[1] || ''),
    };
  });
}

let failed = 0;
let count = 0;
for (const file of files.sort()) {
  const xml = fs.readFileSync(path.join(dir, file), 'utf8');
  for (const test of file.endsWith('.trx') ? trxCases(xml) : junitCases(xml)) {
    count++;
    if (test.failed || test.skipped) {
      failed++;
      console.log(`FAIL ${label}: ${test.name}${test.skipped ? ' (skipped)' : ''}`);
      if (test.message) console.log(`    ${test.message.slice(0, 2000)}`);
    } else {
      console.log(`PASS ${label}: ${test.name}`);
    }
  }
}
if (count === 0) {
  console.log(`FAIL ${label}: tests ran (the test reports hold no test case)`);
  failed++;
}
process.exit(failed ? 1 : 0);
