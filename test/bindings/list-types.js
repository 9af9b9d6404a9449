#!/usr/bin/env node
'use strict';
// Writes the public types of the built assembly (.jsii) as lines `kind name [enum members]`, where kind is
// class, interface (behavioural), struct (data type) or enum. The Python and Java tests check each one.
// usage: node list-types.js [assembly] > types.txt
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function loadAssembly(file) {
  let asm = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (asm.schema === 'jsii/file-redirect') {
    asm = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(path.dirname(file), asm.filename))).toString());
  }
  return asm;
}

function listTypes(asm) {
  const lines = [];
  for (const type of Object.values(asm.types).sort((a, b) => a.fqn.localeCompare(b.fqn))) {
    if (type.namespace) continue; // nested types (none so far) would need their own naming rules
    if (type.kind === 'enum') lines.push(`enum ${type.name} ${type.members.map((m) => m.name).join(',')}`);
    else if (type.kind === 'interface') lines.push(`${type.datatype ? 'struct' : 'interface'} ${type.name}`);
    else lines.push(`class ${type.name}`);
  }
  return lines;
}

module.exports = { loadAssembly, listTypes };

if (require.main === module) {
  const asm = loadAssembly(process.argv[2] || path.join(__dirname, '..', '..', '.jsii'));
  process.stdout.write(listTypes(asm).join('\n') + '\n');
}
