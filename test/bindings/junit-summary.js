#!/usr/bin/env node
'use strict';
// Prints one `PASS`/`FAIL` line per test case of the surefire (JUnit) XML reports in a folder, with the
// failure message under each failed one. Exits non-zero when a test failed or there are no reports.
// usage: node junit-summary.js <label> <surefire-reports folder>
const fs = require('fs');
const path = require('path');

const [label, dir] = process.argv.slice(2);
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^TEST-.*\.xml$/.test(f)) : [];
if (files.length === 0) {
  console.log(`FAIL ${label}: tests ran (no JUnit reports in ${dir}: the build failed before the tests)`);
  process.exit(1);
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
let failed = 0;
let count = 0;
for (const file of files.sort()) {
  const xml = fs.readFileSync(path.join(dir, file), 'utf8');
  // <testcase name="..." classname="..." ...> ... </testcase>  or  <testcase .../>
  const re = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  let m;
  while ((m = re.exec(xml)) !== null) {
    count++;
    const attr = (n) => (m[1].match(new RegExp(`\\b${n}="([^"]*)"`)) || [])[1] || '';
    const name = `${unescape(attr('classname'))}.${unescape(attr('name'))}`;
    const body = m[3] || '';
    const problem = body.match(/<(failure|error)\b([^>]*)>/);
    const skipped = /<skipped\b/.test(body);
    if (problem || skipped) {
      failed++;
      console.log(`FAIL ${label}: ${name}${skipped ? ' (skipped)' : ''}`);
      if (problem) {
        const message = (problem[2].match(/message="([^"]*)"/) || [])[1];
        if (message) console.log(`    ${unescape(message).slice(0, 2000)}`);
      }
    } else {
      console.log(`PASS ${label}: ${name}`);
    }
  }
}
if (count === 0) {
  console.log(`FAIL ${label}: tests ran (the JUnit reports hold no test case)`);
  failed++;
}
process.exit(failed ? 1 : 0);
