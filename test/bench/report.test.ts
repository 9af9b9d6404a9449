/**
 * The tables of bench/README.md ("Results") are the ones `bench/report.js` makes from the committed
 * `bench/results.json` (written by `npm run bench`): no number in them is typed by hand.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../util/assembly';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { report, shownTables, writeTables, README } = require('../../bench/report');

const RESULTS = path.join(REPO_ROOT, 'bench', 'results.json');

describe('bench/README.md tables', () => {
  test('are what bench/report.js makes from bench/results.json', () => {
    const tables: string = report(JSON.parse(fs.readFileSync(RESULTS, 'utf8')));
    expect(tables.split('\n').filter((line) => line.startsWith('|')).length).toBeGreaterThan(2);
    expect(shownTables(fs.readFileSync(README, 'utf8'))).toEqual(tables);
  });

  test('stand in the "Results" section', () => {
    const readme: string = fs.readFileSync(README, 'utf8');
    const results = readme.indexOf('\n## Results\n');
    expect(results).toBeGreaterThan(0);
    const tables = readme.indexOf('<!-- tables:');
    expect(tables).toBeGreaterThan(results);
    expect(readme.indexOf('\n## ', results + 1)).toBeGreaterThan(tables);
  });

  test('--write replaces the tables between the markers and nothing else', () => {
    // GIVEN a README with stale tables
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
    try {
      const file = path.join(dir, 'README.md');
      const readme: string = fs.readFileSync(README, 'utf8');
      const stale = readme.replace(shownTables(readme), '| stale |');
      fs.writeFileSync(file, stale);

      // WHEN
      writeTables(RESULTS, file);

      // THEN
      expect(fs.readFileSync(file, 'utf8')).toEqual(readme);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--write fills empty markers, leaving the closing marker on a line of its own', () => {
    // GIVEN a README whose markers hold nothing yet
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
    try {
      const file = path.join(dir, 'README.md');
      const readme: string = fs.readFileSync(README, 'utf8');
      fs.writeFileSync(file, readme.replace(`${shownTables(readme)}\n`, ''));

      // WHEN
      writeTables(RESULTS, file);

      // THEN
      expect(fs.readFileSync(file, 'utf8')).toEqual(readme);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the results hold every variant the tables compare', () => {
    const results = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
    for (const n of ['10', '100', '1000']) {
      expect(Object.keys(results.typescript[n].medians).sort()).toEqual(['floor', 'ours', 'peer']);
    }
    expect(Object.keys(results.python.medians).sort()).toEqual(['ours', 'peer']);
    expect(Object.keys(results.cost.variants).sort()).toEqual(['floor', 'ours', 'peer']);
    expect(Object.keys(results.cost.ratios).sort()).toEqual(['ours/floor', 'ours/peer']);
  });
});
