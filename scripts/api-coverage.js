#!/usr/bin/env node
'use strict';
// Compares the built assembly (.jsii at the repository root) with the upstream 2.95.1 API listed in
// test/fixtures/api-2.95.1.json, and lists what is missing or different: types, members, parameter lists,
// optionality. `test/api-coverage.test.ts` runs it in `npm test`.
//   node scripts/api-coverage.js [--all] [--spec FILE] [--assembly FILE]
// Last line: "api coverage: T/81 types, M/N members, D differences"; exits 1 when D > 0.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.join(__dirname, '..');
const option = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const spec = JSON.parse(fs.readFileSync(option('--spec', path.join(ROOT, 'test', 'fixtures', 'api-2.95.1.json')), 'utf8'));
let asm = JSON.parse(fs.readFileSync(option('--assembly', path.join(ROOT, '.jsii')), 'utf8'));
if (asm.schema === 'jsii/file-redirect') asm = JSON.parse(zlib.gunzipSync(fs.readFileSync(asm.filename)));
const prefix = `${asm.name}.`;
const tref = (t) => {
  if (!t) return 'void';
  if (t.primitive) return t.primitive;
  if (t.fqn) return t.fqn.startsWith(prefix) ? t.fqn.slice(prefix.length) : t.fqn;
  if (t.collection) {
    const e = tref(t.collection.elementtype);
    return t.collection.kind === 'array' ? `${e}[]` : `Map<string,${e}>`;
  }
  if (t.union) return t.union.types.map(tref).join('|');
  return JSON.stringify(t);
};
const ours = {};
for (const [fqn, t] of Object.entries(asm.types || {})) {
  if (!fqn.startsWith(prefix)) continue;
  ours[fqn.slice(prefix.length)] = t;
}
const problems = [];
let members = 0; let present = 0; let types = 0;
for (const [name, want] of Object.entries(spec)) {
  const have = ours[name];
  if (!have) { problems.push(`missing ${want.kind} ${name}`); members += (want.members || []).length + Object.keys(want.properties || {}).length + Object.keys(want.methods || {}).length; continue; }
  types++;
  if (have.kind !== want.kind) problems.push(`${name}: is a ${have.kind}, expected ${want.kind}`);
  if (want.kind === 'enum') {
    const got = new Set((have.members || []).map((m) => m.name));
    for (const m of want.members) { members++; if (got.has(m)) present++; else problems.push(`${name}.${m}: missing enum member`); }
    continue;
  }
  // a struct's members include those of the structs it extends, whether upstream has the parent (aws-cdk-lib 2.276
  // moved instanceTypes and instanceClasses to ManagedEc2ComputeEnvironmentProps) or not (e.g. EksPodOptions)
  const inherited = (t) => [...(t.interfaces || []), ...(t.base ? [t.base] : [])]
    .filter((fqn) => fqn.startsWith(prefix) && ours[fqn.slice(prefix.length)])
    .flatMap((fqn) => [...inherited(ours[fqn.slice(prefix.length)]), ...(ours[fqn.slice(prefix.length)].properties || [])]);
  const props = Object.fromEntries([...inherited(have), ...(have.properties || [])].map((p) => [p.name, p]));
  for (const [p, w] of Object.entries(want.properties || {})) {
    members++;
    const h = props[p];
    if (!h) { problems.push(`${name}.${p}: missing property (${w.type}${w.optional ? ', optional' : ''})`); continue; }
    present++;
    if (tref(h.type) !== w.type) problems.push(`${name}.${p}: type ${tref(h.type)}, expected ${w.type}`);
    // an input that became optional (a struct field) breaks no caller
    const widened = have.datatype && h.optional && !w.optional;
    if (!!h.optional !== w.optional && !widened) problems.push(`${name}.${p}: ${h.optional ? 'optional' : 'required'}, expected ${w.optional ? 'optional' : 'required'}`);
  }
  const methods = Object.fromEntries((have.methods || []).map((m) => [m.name, m]));
  for (const [m, w] of Object.entries(want.methods || {})) {
    members++;
    const h = methods[m];
    if (!h) { problems.push(`${name}.${m}(): missing method`); continue; }
    present++;
    // optional parameters added after the upstream ones break no caller: they are compared as the spec has it
    const params = h.parameters || [];
    const added = params.slice(w.params.length);
    const compared = added.every((q) => q.optional) ? params.slice(0, w.params.length) : params;
    const got = compared.map((q) => `${q.name}:${tref(q.type)}${q.optional ? '?' : ''}`).join(', ');
    const exp = w.params.map(([n, t, o]) => `${n}:${t}${o ? '?' : ''}`).join(', ');
    if (got !== exp) problems.push(`${name}.${m}(): parameters (${params.map((q) => `${q.name}:${tref(q.type)}${q.optional ? '?' : ''}`).join(', ')}), expected (${exp})`);
  }
  if (want.initializer) {
    // a parameter that became optional breaks no caller: it is compared as the spec has it
    const got = ((have.initializer || {}).parameters || [])
      .map((q, i) => `${q.name}:${tref(q.type)}${q.optional && (want.initializer[i] || [])[2] ? '?' : ''}`).join(', ');
    const exp = want.initializer.map(([n, t, o]) => `${n}:${t}${o ? '?' : ''}`).join(', ');
    if (got !== exp) problems.push(`${name} constructor: (${got}), expected (${exp})`);
  }
}
const show = process.argv.includes('--all') ? problems : problems.slice(0, 60);
for (const p of show) console.log(p);
if (show.length < problems.length) console.log(`... ${problems.length - show.length} more (--all)`);
console.log(`api coverage: ${types}/${Object.keys(spec).length} types, ${present}/${members} members, ${problems.length} differences`);
process.exit(problems.length ? 1 : 0);
