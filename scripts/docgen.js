#!/usr/bin/env node
'use strict';
// Writes API.md, the API reference, from the built .jsii assembly (run `npm run build` first).
//
//   node scripts/docgen.js           regenerate API.md
//   node scripts/docgen.js --check   exit 1 if the committed API.md differs from what the assembly gives
//
// test/api-md.test.ts runs the same comparison as part of `npm test`.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const apiMd = path.join(root, 'API.md');

/** The API reference for the assembly in `dir`, as markdown text. */
async function renderApiReference(dir = root) {
  if (!fs.existsSync(path.join(dir, '.jsii'))) {
    throw new Error(`no .jsii assembly in ${dir}: run \`npm run build\` first`);
  }
  const { Documentation, Language } = require('jsii-docgen');
  const docs = await Documentation.forProject(dir);
  try {
    const markdown = await docs.toMarkdown({ language: Language.TYPESCRIPT, readme: false, allSubmodules: true });
    return markdown.render();
  } finally {
    await docs.cleanup();
  }
}

/** The first line where `a` and `b` differ, for a readable failure message. */
function firstDifference(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return `line ${i + 1}:\n  committed: ${JSON.stringify(left[i])}\n  generated: ${JSON.stringify(right[i])}`;
    }
  }
  return 'no difference';
}

async function main() {
  const generated = await renderApiReference();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(apiMd) ? fs.readFileSync(apiMd, 'utf8') : '';
    if (committed !== generated) {
      console.error(`API.md is stale: run \`npm run docgen\` and commit it (first difference at ${firstDifference(committed, generated)})`);
      process.exit(1);
    }
    console.log('API.md is up to date');
    return;
  }
  fs.writeFileSync(apiMd, generated);
  console.log(`wrote ${path.relative(process.cwd(), apiMd) || 'API.md'}`);
}

module.exports = { renderApiReference, firstDifference, apiMd };

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
