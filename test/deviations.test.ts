/**
 * DEVIATIONS.md stays honest: every entry names the test that shows it, and that test exists.
 *
 * Each section is a table with the columns `# | What | Upstream 2.95.1 | Here | Test`. The Test
 * cell names one or more test files (`test/....test.ts`), each optionally followed by `›` and
 * quoted test titles (`test/job-queue.test.ts` › "validation at synthesis", "defaults"). Every row
 * quotes at least one title, and each must be the exact title of a `test`, `it` or `describe` in
 * the file it follows, or the `<id>` of titles that start with `<id>:` ("C1" for "C1: ...").
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './util/assembly';

const HEADER = ['#', 'What', 'Upstream 2.95.1', 'Here', 'Test'];

interface Row {
  readonly line: number;
  readonly section: string;
  readonly cells: string[];
}

/** Splits a markdown table row into cells, keeping `|` inside backticks. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let inCode = false;
  for (const ch of line.trim().replace(/^\||\|$/g, '')) {
    if (ch === '`') { inCode = !inCode; }
    if (ch === '|' && !inCode) {
      cells.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  cells.push(current.trim());
  return cells;
}

/** The tables of a markdown document: header and rows, with the section each is in. */
function tables(markdown: string): Array<{ section: string; line: number; header: string[]; rows: Row[] }> {
  const lines = markdown.split('\n');
  const result: Array<{ section: string; line: number; header: string[]; rows: Row[] }> = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (heading) { section = heading[1].trim(); }
    if (!lines[i].trim().startsWith('|') || !/^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) { continue; }
    const table = { section, line: i + 1, header: cellsOf(lines[i]), rows: [] as Row[] };
    for (i += 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
      table.rows.push({ line: i + 1, section, cells: cellsOf(lines[i]) });
    }
    result.push(table);
  }
  return result;
}

/** The test files a Test cell names, each with the titles quoted after it. */
function testReferences(cell: string): Array<{ file: string; titles: string[] }> {
  const refs: Array<{ file: string; titles: string[] }> = [];
  const pattern = /`(test\/[^`]+?\.test\.ts)`((?:\s*›\s*"[^"]+"(?:\s*,\s*"[^"]+")*)*)/g;
  for (const m of cell.matchAll(pattern)) {
    refs.push({ file: m[1], titles: [...m[2].matchAll(/"([^"]+)"/g)].map((t) => t[1]) });
  }
  return refs;
}

const QUOTED = String.raw`(['"\x60])((?:\\.|(?!\1)[^\\])*)\1`;

/**
 * The titles of a test file's `test`, `it` and `describe` blocks (also `.each(...)(title, ...)` and
 * `.skip`/`.only`), as written in the source: string literals, `%s` placeholders kept.
 */
function titlesOf(source: string): Set<string> {
  const direct = new RegExp(String.raw`\b(?:test|it|describe)(?:\.(?:only|skip|todo|concurrent))?\s*\(\s*` + QUOTED, 'g');
  // `test.each(table)('title', ...)`: the title is the first argument after the table's closing parenthesis.
  const each = new RegExp(String.raw`\b(?:test|it|describe)\.each\b[^]*?\)\s*\(\s*` + QUOTED, 'g');
  const titles = new Set<string>();
  for (const pattern of [direct, each]) {
    for (const m of source.matchAll(pattern)) {
      titles.add(m[2].replace(/\\(['"\x60\\])/g, '$1'));
    }
  }
  return titles;
}

/** Whether a quoted title names a test: an exact title, or an id that titles start with (`C1` for `C1: ...`). */
function namesATest(quoted: string, titles: Set<string>): boolean {
  return titles.has(quoted) || [...titles].some((t) => t.startsWith(`${quoted}: `));
}

/**
 * The warning rules that the library's source adds: through `addWarningV2('@aws-cdk/aws-batch-alpha:<rule>')`,
 * `warn(scope, '<rule>', ...)`, the `[rule, message]` pairs that `addWarnings()` callbacks return, and
 * `rule: '<rule>'` members of the warnings a helper hands back.
 */
function warningRulesIn(source: string): Set<string> {
  const patterns = [
    /addWarningV2\(\s*'@aws-cdk\/aws-batch-alpha:(\w+)'/g,
    /\bwarn\(\s*[\w.]+,\s*'(\w+)'/g,
    /(?:push\(|\?\s*|=>\s*|\breturn\s+|\[)\[\s*'(\w+)',/g,
    /\brule:\s*'(\w+)'/g,
  ];
  return new Set(patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1])));
}

function libSources(): string[] {
  const files: string[] = [];
  for (const dir of ['lib', 'lib/private']) {
    for (const name of fs.readdirSync(path.join(REPO_ROOT, dir))) {
      if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
        files.push(fs.readFileSync(path.join(REPO_ROOT, dir, name), 'utf8'));
      }
    }
  }
  return files;
}

const markdown = fs.readFileSync(path.join(REPO_ROOT, 'DEVIATIONS.md'), 'utf8');
const all = tables(markdown);
const rows = all.flatMap((t) => t.rows);
const where = (r: Row) => `DEVIATIONS.md:${r.line} (${r.cells[0]})`;

describe('DEVIATIONS.md', () => {
  test('has entries', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  test('every table has the same columns', () => {
    const odd = all.filter((t) => JSON.stringify(t.header) !== JSON.stringify(HEADER))
      .map((t) => `DEVIATIONS.md:${t.line} (${t.section}): ${t.header.join(' | ')}`);
    expect(odd).toEqual([]);
  });

  test('every row has one cell per column and a unique id', () => {
    expect(rows.filter((r) => r.cells.length !== HEADER.length).map(where)).toEqual([]);
    const ids = rows.map((r) => r.cells[0]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test('every entry names a test file and quotes a test title', () => {
    expect(rows.filter((r) => testReferences(r.cells[HEADER.length - 1] ?? '').length === 0).map(where)).toEqual([]);
    expect(rows.filter((r) => testReferences(r.cells[HEADER.length - 1] ?? '').every((ref) => ref.titles.length === 0)).map(where)).toEqual([]);
  });

  test('every test file named exists, with the titles quoted from it', () => {
    const problems: string[] = [];
    for (const r of rows) {
      for (const ref of testReferences(r.cells[HEADER.length - 1] ?? '')) {
        const file = path.join(REPO_ROOT, ref.file);
        if (!fs.existsSync(file)) {
          problems.push(`${where(r)}: ${ref.file} does not exist`);
          continue;
        }
        const titles = titlesOf(fs.readFileSync(file, 'utf8'));
        for (const title of ref.titles.filter((t) => !namesATest(t, titles))) {
          problems.push(`${where(r)}: ${ref.file} has no test titled "${title}" or "${title}: ..."`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the Warnings table of DEVIATIONS.md', () => {
  test('has a row for each warning rule the library adds, and no row for a rule it does not add', () => {
    const emitted = new Set(libSources().flatMap((source) => [...warningRulesIn(source)]));
    const documented = new Set(all.filter((t) => t.section === 'Warnings').flatMap((t) => t.rows.map((r) => r.cells[0])));
    expect(emitted.size).toBeGreaterThan(10);
    expect({
      undocumented: [...emitted].filter((rule) => !documented.has(rule)).sort(),
      notAdded: [...documented].filter((rule) => !emitted.has(rule)).sort(),
    }).toEqual({ undocumented: [], notAdded: [] });
  });

  test('reads the rules from each way the library adds a warning', () => {
    expect([...warningRulesIn([
      "Annotations.of(this).addWarningV2('@aws-cdk/aws-batch-alpha:one', 'message');",
      "warn(scope, 'two', `message`);",
      "warnings.push(['three', 'message']);",
      "return x ? ['four', 'message'] : undefined;",
      ".map((w): [string, string] => ['five', w]);",
      "{ rule: 'six', message }",
      "return ['seven', `message`];",
      "return [['eight', `message`]];",
      "const KEYWORDS = ['optimal', 'default_x86_64'];",
      "const NEWER_KEY = '@aws-cdk/aws-batch-alpha:newer';",
    ].join('\n'))].sort()).toEqual(['eight', 'five', 'four', 'one', 'seven', 'six', 'three', 'two']);
  });
});

describe('the DEVIATIONS.md reader', () => {
  test('reads cells, keeping pipes inside code', () => {
    expect(cellsOf('| A1 | `a | b` | x |')).toEqual(['A1', '`a | b`', 'x']);
  });

  test('reads test files and quoted titles from a Test cell', () => {
    expect(testReferences('`test/a.test.ts` › "one" › "two", "three", `test/b/c.test.ts`')).toEqual([
      { file: 'test/a.test.ts', titles: ['one', 'two', 'three'] },
      { file: 'test/b/c.test.ts', titles: [] },
    ]);
    expect(testReferences('"is a copy" tests')).toEqual([]);
  });

  test('reads test titles, and matches a quoted title exactly or as an id prefix', () => {
    const titles = titlesOf([
      "describe('C10: ten', () => {",
      '  test("C1: the name is split", () => {});',
      "  test.each([[1, 2], [3, 4]])('adds %s and %s', () => {});",
      "  it(`quoted 'inside'`, () => {});",
      "  const x = InstanceClass.C5; // C2 EC2",
      '});',
    ].join('\n'));
    expect([...titles].sort()).toEqual(['C10: ten', 'C1: the name is split', 'adds %s and %s', "quoted 'inside'"]);
    expect(namesATest('C1', titles)).toBe(true);
    expect(namesATest('C10', titles)).toBe(true);
    expect(namesATest('C2', titles)).toBe(false);
    expect(namesATest('C5', titles)).toBe(false);
    expect(namesATest('adds %s and %s', titles)).toBe(true);
    expect(namesATest('adds', titles)).toBe(false);
  });

  test('finds tables under their sections', () => {
    const found = tables('## S\n\n| # | T |\n|---|---|\n| X1 | `test/x.test.ts` |\n\ntext\n');
    expect(found).toEqual([{ section: 'S', line: 3, header: ['#', 'T'], rows: [{ line: 5, section: 'S', cells: ['X1', '`test/x.test.ts`'] }] }]);
  });
});
