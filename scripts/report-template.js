#!/usr/bin/env node
'use strict';
// Prints where `cdk synth` wrote each template and which AWS::Batch resources it holds.
const fs = require('fs');
const path = require('path');

const outdir = path.resolve(process.argv[2] || 'cdk.out');
const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).sort();
if (templates.length === 0) {
  console.error(`no template found in ${outdir}`);
  process.exit(1);
}
for (const file of templates) {
  const full = path.join(outdir, file);
  const resources = JSON.parse(fs.readFileSync(full, 'utf8')).Resources || {};
  const counts = {};
  for (const r of Object.values(resources)) counts[r.Type] = (counts[r.Type] || 0) + 1;
  const batch = Object.entries(counts).filter(([t]) => t.startsWith('AWS::Batch::')).sort();
  console.log(`template written to ${full}`);
  console.log(`  ${Object.keys(resources).length} resources; ${batch.map(([t, n]) => `${n} ${t}`).join(', ')}`);
}
