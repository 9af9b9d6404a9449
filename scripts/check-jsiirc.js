#!/usr/bin/env node
'use strict';
// .jsiirc.json is the one place where the per-language package names are written.
// jsii itself only reads a package's targets from package.json, so this check keeps the two
// in agreement before the build and, with --assembly, checks the built .jsii after it.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const wanted = JSON.parse(fs.readFileSync(path.join(root, '.jsiirc.json'), 'utf8')).targets;

function subset(expected, actual, where, problems) {
  for (const [key, value] of Object.entries(expected)) {
    if (value !== null && typeof value === 'object') {
      if (!actual || typeof actual[key] !== 'object') {
        problems.push(`${where}.${key} is missing`);
      } else {
        subset(value, actual[key], `${where}.${key}`, problems);
      }
    } else if (!actual || actual[key] !== value) {
      problems.push(`${where}.${key} is ${JSON.stringify(actual && actual[key])}, .jsiirc.json says ${JSON.stringify(value)}`);
    }
  }
}

const problems = [];
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
subset(wanted, pkg.jsii && pkg.jsii.targets, 'package.json jsii.targets', problems);

if (process.argv.includes('--assembly')) {
  const file = path.join(root, '.jsii');
  let asm = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (asm.schema === 'jsii/file-redirect') {
    asm = JSON.parse(require('zlib').gunzipSync(fs.readFileSync(path.join(root, asm.filename))).toString());
  }
  subset(wanted, asm.targets, '.jsii targets', problems);
}

if (problems.length > 0) {
  console.error(`language targets disagree with .jsiirc.json:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
