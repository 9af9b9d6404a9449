import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { REPO_ROOT } from './assembly';

/** A TypeScript code block of a markdown file. */
export interface Snippet {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The nearest heading above the block. */
  readonly heading: string;
  /** The code between the fences. */
  readonly code: string;
}

/** A `declare const name: Type;` line of a snippet: an input the example assumes exists. */
export interface Declaration {
  readonly name: string;
  readonly type: string;
}

/** Every ```ts / ```typescript block of a markdown file, in order. */
export function typescriptBlocks(markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  let heading = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*(\S*)/.exec(lines[i]);
    if (!fence) {
      const h = /^#{1,6}\s+(.*)$/.exec(lines[i]);
      if (h) { heading = h[1].trim(); }
      continue;
    }
    // Skip to the matching closing fence, whatever the block's language.
    const close = new RegExp(`^\\s*${fence[2][0] === '`' ? '`' : '~'}{${fence[2].length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) { end++; }
    if (['ts', 'typescript'].includes(fence[3].toLowerCase())) {
      snippets.push({ line: i + 1, heading, code: lines.slice(i + 1, end).join('\n') });
    }
    i = end;
  }
  return snippets;
}

/** The TypeScript blocks of the repository's README.md. */
export function readmeSnippets(): Snippet[] {
  return typescriptBlocks(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
}

const DECLARE = /^[ \t]*declare\s+const\s+([A-Za-z_$][\w$]*)\s*:\s*([^;=]+?)\s*;[ \t]*$/gm;

/** The `declare const` inputs of a snippet. */
export function declarations(code: string): Declaration[] {
  return [...code.matchAll(DECLARE)].map((m) => ({ name: m[1], type: m[2].replace(/\s+/g, ' ') }));
}

/**
 * The warnings a snippet says it shows: the ids of its `// warns: <id> …` comment lines (ids of the form
 * `scope:rule`, separated by spaces or commas; text after them is the reason).
 */
export function expectedWarnings(code: string): string[] {
  return [...code.matchAll(/^[ \t]*\/\/\s*warns:\s*(.*)$/gm)]
    .flatMap((m) => m[1].split(/[\s,]+/).filter((word) => /^@?[\w./-]+:\w+$/.test(word)))
    .sort();
}

/** Whether the snippet is marked as one that shows an error: a `// throws` comment line. */
export function expectsError(code: string): boolean {
  return /^[ \t]*\/\/\s*throws\b/m.test(code);
}

/**
 * The fixture's import lines (everything before its class), so snippets run with the same
 * names in scope as `jsii-rosetta` compiles them with.
 */
export function fixtureImports(fixture = path.join(REPO_ROOT, 'rosetta', 'default.ts-fixture')): string {
  const text = fs.readFileSync(fixture, 'utf8');
  return text.split('\n').filter((l) => /^\s*import\s/.test(l)).join('\n');
}

/**
 * Turns a snippet into a CommonJS module exporting `run(make)`, to be called with `this` bound
 * to the stack the fixture would be: the fixture's imports (and any of the snippet's own) at the
 * top, every `declare const x: T;` replaced by `const x = make('T', 'x');`.
 */
export function compileSnippet(code: string): string {
  const own: string[] = [];
  const body = code
    .replace(/^[ \t]*import\s[^;]*;[ \t]*$/gm, (line) => { own.push(line); return ''; })
    .replace(DECLARE, (_all, name: string, type: string) =>
      `const ${name} = __make(${JSON.stringify(type.replace(/\s+/g, ' '))}, ${JSON.stringify(name)});`);
  const source = [
    fixtureImports(),
    ...own,
    'export function run(this: any, __make: (type: string, name: string) => any): void {',
    body,
    '}',
  ].join('\n');
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    reportDiagnostics: true,
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new Error(`snippet does not parse: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  }
  return out.outputText;
}

/** Loads a compiled snippet as a module, resolving `@aws-cdk/aws-batch-alpha` to this library's sources. */
export function loadSnippet(js: string, resolve: (id: string) => unknown): { run: (this: unknown, make: (type: string, name: string) => unknown) => void } {
  const module = { exports: {} as any };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'module', 'exports', js)(resolve, module, module.exports);
  return module.exports;
}
