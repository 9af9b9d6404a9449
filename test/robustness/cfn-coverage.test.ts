import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { AWAITING_TYPED_API, coverageLines, coverageOf, coverageOfTemplates, coverageProblems, CoverageLists, EXCLUDED } from './cfn-coverage';
import { isWholeRun } from '../util/global-teardown';
import { loadAssemblyIn, REPO_ROOT } from '../util/assembly';
import { awsCdkLibDir, batchL1PropertyPaths, l1PropertyPaths, renderedPropertyPaths } from '../util/cfn-paths';

const JD = 'AWS::Batch::JobDefinition';
const nodeModule = (name: string) => path.join(REPO_ROOT, 'node_modules', name);

describe('the property paths of the AWS::Batch L1s, read from the jsii assembly', () => {
  test.each<[string, string, number]>([
    ['2.95.1, the floor of the supported range', 'aws-cdk-lib-floor', 250],
    ['2.276.0, the release this library claims parity with', 'aws-cdk-lib-2-276', 619],
  ])('aws-cdk-lib %s has the number of paths the research counted', (_name, dir, expected) => {
    const paths = batchL1PropertyPaths(nodeModule(dir));
    expect(paths.length).toBe(expected);
    expect(new Set(paths).size).toBe(paths.length);
  });

  test('the development aws-cdk-lib has every path of 2.276 and only grows', () => {
    const newest = new Set(batchL1PropertyPaths(nodeModule('aws-cdk-lib')));
    const older = batchL1PropertyPaths(nodeModule('aws-cdk-lib-2-276'));
    expect(older.filter((p) => !newest.has(p))).toEqual([]);
    expect(newest.size).toBeGreaterThanOrEqual(older.length);
  });

  test('every level counts, every place a structure recurs counts, and lists are shown as []', () => {
    const paths = new Set(batchL1PropertyPaths(nodeModule('aws-cdk-lib-2-276')));
    expect([
      `${JD} ContainerProperties`,
      `${JD} ContainerProperties.LinuxParameters.Devices`,
      `${JD} ContainerProperties.LinuxParameters.Devices[].HostPath`,
      `${JD} EcsProperties.TaskProperties[].Containers[].LinuxParameters.Devices[].HostPath`,
      `${JD} NodeProperties.NodeRangeProperties[].Container.LinuxParameters.Devices[].HostPath`,
      `${JD} Tags`,
      'AWS::Batch::ComputeEnvironment ComputeResources.DesiredvCpus',
      'AWS::Batch::SchedulingPolicy FairsharePolicy.ShareDistribution[].WeightFactor',
    ].filter((p) => !paths.has(p))).toEqual([]);
    // a map and a list of plain values end the path
    expect([...paths].filter((p) => p.startsWith(`${JD} Tags.`) || p.includes('Command[]'))).toEqual([]);
  });

  test('a structure that contains itself is reported, not followed forever', () => {
    const asm = {
      types: {
        'aws-cdk-lib.aws_batch.CfnLoop': { kind: 'class', base: 'aws-cdk-lib.CfnResource', name: 'CfnLoop' },
        'aws-cdk-lib.aws_batch.CfnLoopProps': { datatype: true, properties: [{ name: 'node', type: { fqn: 'aws-cdk-lib.aws_batch.CfnLoop.NodeProperty' } }] },
        'aws-cdk-lib.aws_batch.CfnLoop.NodeProperty': { datatype: true, properties: [{ name: 'next', type: { fqn: 'aws-cdk-lib.aws_batch.CfnLoop.NodeProperty' } }] },
      },
    };
    expect(() => l1PropertyPaths(asm)).toThrow(/AWS::Batch::Loop Node.Next: .*NodeProperty contains itself/);
  });

  test('the paths are CloudFormation names: an L1 given a value at every path renders every path', () => {
    // GIVEN every L1 of the aws-cdk-lib that the tests run on (2.95.1 in the floor run), with a value at every path
    const asm = loadAssemblyIn(awsCdkLibDir());
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const l1s = require('aws-cdk-lib/aws-batch');
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const classes = Object.entries<any>(asm.types)
      .filter(([fqn, t]) => fqn.startsWith('aws-cdk-lib.aws_batch.Cfn') && t.kind === 'class' && t.base === 'aws-cdk-lib.CfnResource');
    for (const [fqn, t] of classes) {
      new l1s[t.name](stack, t.name, sampleOf({ fqn: `${fqn}Props` }, asm.types));
    }

    // WHEN synthesized without Template.fromStack, so that the run neither keeps nor validates this template of
    // made-up values, and without aws-cdk-lib's own validation at synthesis, which would print warnings about them
    const validation = process.env.CDK_VALIDATION;
    process.env.CDK_VALIDATION = 'false';
    let template: any;
    try {
      template = app.synth().getStackArtifact(stack.artifactId).template;
    } finally {
      if (validation === undefined) {
        delete process.env.CDK_VALIDATION;
      } else {
        process.env.CDK_VALIDATION = validation;
      }
    }

    // THEN
    const rendered = renderedPropertyPaths(template);
    expect(classes.length).toBeGreaterThanOrEqual(4);
    expect(l1PropertyPaths(asm).filter((p) => !rendered.has(p))).toEqual([]);
  });
});

/** A value of the type at every level: a list of one item, a structure with every property. */
function sampleOf(typeRef: any, types: Record<string, any>): unknown {
  const alternatives: any[] = typeRef.union ? typeRef.union.types : [typeRef];
  const t = alternatives.find((a) => a.collection || types[a.fqn]?.datatype) ?? alternatives.find((a) => a.fqn !== 'aws-cdk-lib.IResolvable');
  if (t.collection) {
    const item = sampleOf(t.collection.elementtype, types);
    return t.collection.kind === 'array' ? [item] : { key: item };
  }
  if (t.fqn) {
    return Object.fromEntries((types[t.fqn].properties ?? []).map((p: any) => [p.name, sampleOf(p.type, types)]));
  }
  return { string: 'x', number: 1, boolean: true, json: { key: 'x' }, any: { key: 'x' } }[t.primitive as string];
}

describe('the paths a template renders', () => {
  test('lists are shown as [], intrinsic functions end the path, and other resource types are left out', () => {
    const rendered = renderedPropertyPaths({
      Resources: {
        Job: {
          Type: JD,
          Properties: {
            ContainerProperties: { Volumes: [{ Name: 'v', EfsVolumeConfiguration: { 'Fn::If': ['C', { FileSystemId: 'fs' }, { Ref: 'AWS::NoValue' }] } }], Command: ['a'] },
            Tags: { team: 'x' },
          },
        },
        Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'r' } },
      },
    });
    expect([...rendered].sort()).toEqual([
      `${JD} ContainerProperties`,
      `${JD} ContainerProperties.Command`,
      `${JD} ContainerProperties.Volumes`,
      `${JD} ContainerProperties.Volumes[].EfsVolumeConfiguration`,
      `${JD} ContainerProperties.Volumes[].Name`,
      `${JD} Tags`,
      `${JD} Tags.team`,
    ]);
  });
});

describe('the coverage of the paths by the templates', () => {
  const lists: CoverageLists = {
    excluded: { [`${JD} Old`]: { reason: 'deprecated', source: 'a page' }, [`${JD} Mixed.Covered`]: { reason: 'read-only', source: 'a page' } },
    awaiting: { [`${JD} New`]: 'no prop yet', [`${JD} Mixed`]: 'no prop yet' },
  };
  const paths = [`${JD} A`, `${JD} B`, `${JD} Old`, `${JD} Old.Child`, `${JD} New`, `${JD} New[].Child`, `${JD} Mixed`, `${JD} Mixed.Covered`, `${JD} Newer`];

  test('each uncovered path is unexplained, excluded or awaiting typed API; the longest entry decides', () => {
    // WHEN
    const report = coverageOf(paths, new Set([`${JD} A`]), lists);

    // THEN
    expect(report).toMatchObject({
      total: 9,
      covered: 1,
      unexplained: [`${JD} B`, `${JD} Newer`],
      excluded: [`${JD} Old`, `${JD} Old.Child`, `${JD} Mixed.Covered`],
      awaiting: [`${JD} New`, `${JD} New[].Child`, `${JD} Mixed`],
      awaitingButCovered: [],
      unknownEntries: [],
    });
    expect(coverageProblems(report, true)).toEqual([`uncovered: ${JD} B`, `uncovered: ${JD} Newer`]);
    expect(coverageProblems(report, false)).toEqual([]);
  });

  test('a rendered path awaiting typed API and an entry without a path are problems in any run', () => {
    // WHEN
    const report = coverageOf(paths.filter((p) => p !== `${JD} Old`), new Set(paths.filter((p) => p !== `${JD} Mixed`)), lists);

    // THEN
    expect(report.awaitingButCovered).toEqual([`${JD} New`, `${JD} New[].Child`]);
    expect(report.unknownEntries).toEqual([`${JD} Old`]);
    expect(coverageProblems(report, false)).toEqual([
      `awaiting typed API, but rendered: ${JD} New`,
      `awaiting typed API, but rendered: ${JD} New[].Child`,
      `unknown entry: ${JD} Old`,
    ]);
  });

  test('the printed lines: the summary, the problems, then each entry that holds uncovered paths, with its reason', () => {
    const report = coverageOf(paths, new Set([`${JD} A`, `${JD} New`]), lists);
    expect(coverageLines(report, true, lists)).toEqual([
      'cfn-coverage: covered 2 of 9 property paths; uncovered: 7 (3 excluded, 2 awaiting typed API, 2 unexplained)',
      `  UNCOVERED ${JD} B: no template renders it, and neither EXCLUDED nor AWAITING_TYPED_API names it`,
      `  UNCOVERED ${JD} Newer: no template renders it, and neither EXCLUDED nor AWAITING_TYPED_API names it`,
      `  STALE ${JD} New: a template renders it, so AWAITING_TYPED_API must no longer name it`,
      `  excluded: ${JD} Old (2 paths): deprecated`,
      `  excluded: ${JD} Mixed.Covered (1 path): read-only`,
      `  awaiting typed API: ${JD} New (1 path): no prop yet`,
      `  awaiting typed API: ${JD} Mixed (1 path): no prop yet`,
    ]);
    expect(coverageLines(report, false, lists).slice(0, 2)).toEqual([
      'cfn-coverage: covered 2 of 9 property paths; uncovered: 7 (3 excluded, 2 awaiting typed API, 2 unexplained) (a partial run: uncovered paths are not checked)',
      `  STALE ${JD} New: a template renders it, so AWAITING_TYPED_API must no longer name it`,
    ]);
  });

  test('the templates of a folder are read together', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-coverage-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ Resources: { J: { Type: JD, Properties: { A: 1 } } } }));
      fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ Resources: { J: { Type: JD, Properties: { B: 1 } } } }));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a template');

      // WHEN
      const report = coverageOfTemplates(dir, [`${JD} A`, `${JD} B`, `${JD} C`]);

      // THEN
      expect(report).toMatchObject({ total: 3, covered: 2, uncovered: [`${JD} C`] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each<[string, object, boolean]>([
    ['no selection', {}, true],
    ['empty path patterns', { testPathPatterns: { patterns: [] } }, true],
    ['a test file', { testPathPatterns: { patterns: ['test/job-queue.test.ts'] } }, false],
    ['a test name', { testNamePattern: 'renders' }, false],
    ['changed files only', { onlyChanged: true }, false],
    ['failed tests only', { onlyFailures: true }, false],
    ['a shard', { shard: { shardIndex: 1, shardCount: 2 } }, false],
  ])('a run with %s (%j) is a whole run: %s', (_name, selection, expected) => {
    expect(isWholeRun(selection)).toBe(expected);
  });
});

describe('the lists of paths no template renders', () => {
  const paths = batchL1PropertyPaths(nodeModule('aws-cdk-lib'));

  test('every entry names a path of the development aws-cdk-lib, and no path is in both lists', () => {
    const known = new Set(paths);
    expect([...Object.keys(EXCLUDED), ...Object.keys(AWAITING_TYPED_API)].filter((k) => !known.has(k))).toEqual([]);
    expect(Object.keys(EXCLUDED).filter((k) => k in AWAITING_TYPED_API)).toEqual([]);
  });

  test.each(Object.entries(EXCLUDED))('%s gives its reason and an AWS page', (_key, exclusion) => {
    expect(exclusion.reason).toMatch(/^(deprecated|reserved|read-only|not applicable|left out on purpose|Fargate only|the architecture of jobs on Fargate)\b/);
    expect(exclusion.source).toMatch(/"[^"]+", https:\/\/docs\.aws\.amazon\.com\//);
  });

  test('DEVIATIONS.md names every exclusion', () => {
    const deviations = fs.readFileSync(path.join(REPO_ROOT, 'DEVIATIONS.md'), 'utf8');
    const section = deviations.slice(deviations.indexOf('## Property paths left out'));
    // node range paths are named from `NodeRangeProperties[]` on
    const named = (key: string) => section.includes(`\`${key.split(' ')[1].replace(/^NodeProperties\./, '')}\``);
    expect(Object.keys(EXCLUDED).filter((key) => !named(key))).toEqual([]);
  });
});
