#!/usr/bin/env node
'use strict';
// Compares a cloud assembly synthesized by a Python or Java app with the one the TypeScript example app
// synthesized, and prints one `PASS`/`FAIL` line per check:
//   - the stack template: identical JSON once the CDK's own version metadata is removed (both sides synthesize
//     with `aws:cdk:version-reporting=false`, so normally there is nothing to remove);
//   - the construct tree (tree.json): the same construct paths, each backed by the same jsii type.
//
// usage: node compare.js <label> <typescript cdk.out> <other cdk.out> <stack id>
const fs = require('fs');
const path = require('path');

const [label, expectedDir, actualDir, stackId] = process.argv.slice(2);
if (!stackId) {
  console.error('usage: node compare.js <label> <typescript cdk.out> <other cdk.out> <stack id>');
  process.exit(2);
}

let failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    console.log(`PASS ${label}: ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${label}: ${name}`);
    for (const p of problems.slice(0, 40)) console.log(`    ${p}`);
    if (problems.length > 40) console.log(`    ... and ${problems.length - 40} more differences`);
  }
}

function readJson(dir, file, problems) {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    problems.push(`${full} does not exist (did the app synthesize?)`);
    return undefined;
  }
  return JSON.parse(fs.readFileSync(full, 'utf8'));
}

/** Removes what legitimately differs between languages: the CDK's version-reporting resource and its condition. */
function normalizeTemplate(template) {
  const t = JSON.parse(JSON.stringify(template));
  for (const [id, resource] of Object.entries(t.Resources ?? {})) {
    if (resource.Type === 'AWS::CDK::Metadata') delete t.Resources[id];
  }
  if (t.Conditions) {
    delete t.Conditions.CDKMetadataAvailable;
    if (Object.keys(t.Conditions).length === 0) delete t.Conditions;
  }
  return t;
}

/** Lists every difference between two JSON values as `path: expected X, got Y`. */
function diff(expected, actual, where, out) {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return out;
  const isObj = (v) => v !== null && typeof v === 'object';
  if (isObj(expected) && isObj(actual) && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) {
      const p = Array.isArray(expected) ? `${where}[${k}]` : `${where}.${k}`;
      if (!(k in actual)) out.push(`${p}: missing (TypeScript has ${short(expected[k])})`);
      else if (!(k in expected)) out.push(`${p}: unexpected ${short(actual[k])} (TypeScript has nothing)`);
      else diff(expected[k], actual[k], p, out);
    }
    // Same members, different order: still a difference for byte-identical output.
    if (out.length === 0) out.push(`${where}: same members in a different order`);
  } else {
    out.push(`${where}: TypeScript has ${short(expected)}, got ${short(actual)}`);
  }
  return out;
}

function short(v) {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

/** path -> jsii type name of every construct in a tree.json. */
function constructs(node, out = new Map()) {
  if (node.path !== undefined) out.set(node.path, node.constructInfo ? node.constructInfo.fqn : '(no construct info)');
  for (const child of Object.values(node.children ?? {})) constructs(child, out);
  return out;
}

// 1. The template.
{
  const problems = [];
  const file = `${stackId}.template.json`;
  const expected = readJson(expectedDir, file, problems);
  const actual = readJson(actualDir, file, problems);
  if (expected && actual) {
    diff(normalizeTemplate(expected), normalizeTemplate(actual), 'template', problems);
    const resources = Object.keys(expected.Resources ?? {}).length;
    if (problems.length === 0 && resources === 0) problems.push('the TypeScript template has no resources: nothing was compared');
  }
  report(`${file} is identical to the TypeScript example's`, problems);
}

// 2. The construct tree: the same ids everywhere, including constructs that render no resource (imports).
{
  const problems = [];
  const expected = readJson(expectedDir, 'tree.json', problems);
  const actual = readJson(actualDir, 'tree.json', problems);
  if (expected && actual) {
    const e = constructs(expected.tree);
    const a = constructs(actual.tree);
    for (const [p, fqn] of e) {
      if (!p.startsWith(stackId)) continue;
      if (!a.has(p)) problems.push(`${p}: missing (${fqn})`);
      else if (a.get(p) !== fqn) problems.push(`${p}: TypeScript builds a ${fqn}, got ${a.get(p)}`);
    }
    for (const [p, fqn] of a) {
      if (p.startsWith(stackId) && !e.has(p)) problems.push(`${p}: not in the TypeScript app (${fqn})`);
    }
  }
  report('construct tree (ids and types) is identical to the TypeScript example\'s', problems);
}

process.exit(failed ? 1 : 0);
