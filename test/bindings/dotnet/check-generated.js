#!/usr/bin/env node
'use strict';
// Checks the C# sources jsii-pacmak generated in dist/dotnet against the built assembly (.jsii): a C# type
// for every public type, every member of each type, and no file left over from a type that no longer exists.
// Prints one `PASS`/`FAIL` line per check.
// usage: node check-generated.js [repo root]
const fs = require('fs');
const path = require('path');
const { loadAssembly } = require('../list-types');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', '..'));
const asm = loadAssembly(path.join(root, '.jsii'));
const dotnet = asm.targets.dotnet;
const dir = path.join(root, 'dist', 'dotnet', dotnet.packageId, ...dotnet.namespace.split('.'));

let failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    console.log(`PASS dotnet: ${name}`);
  } else {
    failed++;
    console.log(`FAIL dotnet: ${name}`);
    for (const p of problems.slice(0, 30)) console.log(`    ${p}`);
    if (problems.length > 30) console.log(`    ... and ${problems.length - 30} more`);
  }
}

function read(file) {
  const full = path.join(dir, file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
}

const csproj = path.join(root, 'dist', 'dotnet', dotnet.packageId, `${dotnet.packageId}.csproj`);
if (!fs.existsSync(dir) || !fs.existsSync(csproj)) {
  report('generated project exists', [`${path.relative(root, csproj)} or ${path.relative(root, dir)} is missing: run npm run package`]);
  process.exit(1);
}
report('generated project names the package id', fs.readFileSync(csproj, 'utf8').includes(`<PackageId>${dotnet.packageId}</PackageId>`)
  ? [] : [`${path.relative(root, csproj)} has no <PackageId>${dotnet.packageId}</PackageId>`]);

const kindOf = (t) => (t.kind === 'interface' && t.datatype ? 'struct' : t.kind);
const types = Object.values(asm.types).filter((t) => !t.namespace);
const expectedFiles = new Set(['NamespaceDoc.cs']);
const typeProblems = [];
const memberProblems = [];

for (const type of types) {
  // The files jsii-pacmak writes for each kind of type, and the attribute that binds the C# type to the jsii one.
  let files;
  let marker;
  if (type.kind === 'enum') {
    files = [`${type.name}.cs`];
    marker = `[JsiiEnum(nativeType: typeof(${type.name}), fullyQualifiedName: "${type.fqn}")]`;
  } else if (type.kind === 'class') {
    files = [`${type.name}.cs`];
    marker = `fullyQualifiedName: "${type.fqn}"`;
  } else if (type.datatype) {
    files = [`${type.name}.cs`, `I${type.name}.cs`];
    marker = `[JsiiByValue(fqn: "${type.fqn}")]`;
  } else {
    files = [`${type.name}.cs`];
    marker = `[JsiiInterface(nativeType: typeof(${type.name}), fullyQualifiedName: "${type.fqn}")]`;
  }
  files.forEach((f) => expectedFiles.add(f));
  const sources = files.map((f) => [f, read(f)]);
  const absent = sources.filter(([, text]) => text === undefined).map(([f]) => f);
  if (absent.length > 0) {
    typeProblems.push(`${kindOf(type)} ${type.name}: no ${absent.join(', ')}`);
    continue;
  }
  const text = sources.map(([, t]) => t).join('\n');
  if (!text.includes(marker)) typeProblems.push(`${kindOf(type)} ${type.name}: ${files[0]} does not declare ${marker}`);
  // Abstract classes and interfaces need a proxy class for objects that come from the JavaScript side.
  if ((type.abstract || type.kind === 'interface') && !/class _Proxy\b/.test(text)) {
    typeProblems.push(`${kindOf(type)} ${type.name}: ${files.join(' / ')} has no _Proxy class`);
  }

  const members = type.kind === 'enum'
    ? type.members.map((m) => [`[JsiiEnumMember(name: "${m.name}")]`, m.name])
    : [...(type.properties ?? []), ...(type.methods ?? [])].map((m) => [`name: "${m.name}"`, m.name]);
  for (const [needle, name] of members) {
    if (!text.includes(needle)) memberProblems.push(`${type.name}.${name} is not in ${files.join(' / ')}`);
  }
}

report(`a C# type for every public type of the assembly (${types.length} types)`, typeProblems);
report('every property, method and enum member of those types', memberProblems);

// Anything else is left over from a type that was renamed or removed: the package is stale.
const leftovers = fs.readdirSync(dir).filter((f) => f.endsWith('.cs') && !expectedFiles.has(f));
report('no C# file for a type the assembly does not have', leftovers.map((f) => `${f} (run npm run package)`));

process.exit(failed ? 1 : 0);
