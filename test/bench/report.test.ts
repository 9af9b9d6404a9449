/**
 * The README's performance table is the one `bench/report.js` prints from the committed
 * `bench/results.json` (written by `npm run bench`): no number in it is typed by hand.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../util/assembly';

describe('README performance table', () => {
  test('is what bench/report.js prints from bench/results.json', () => {
    const report = execFileSync(process.execPath, [path.join(REPO_ROOT, 'bench', 'report.js'), path.join(REPO_ROOT, 'bench', 'results.json')], { encoding: 'utf8' });
    const table = report.split('\n').filter((line) => line.startsWith('|'));
    expect(table.length).toBeGreaterThan(2);

    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Performance'), readme.indexOf('\n## ', readme.indexOf('## Performance') + 1));
    const shown = section.split('\n').filter((line) => line.startsWith('|'));
    expect(shown).toEqual(table);
  });

  test('the results hold every variant the table compares', () => {
    const results = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'bench', 'results.json'), 'utf8'));
    for (const n of ['10', '100', '1000']) {
      expect(Object.keys(results.typescript[n].medians).sort()).toEqual(['floor', 'ours', 'peer']);
    }
    expect(Object.keys(results.python.medians).sort()).toEqual(['ours', 'peer']);
    expect(Object.keys(results.cost.variants).sort()).toEqual(['floor', 'ours', 'peer']);
    expect(Object.keys(results.cost.ratios).sort()).toEqual(['ours/floor', 'ours/peer']);
  });
});
