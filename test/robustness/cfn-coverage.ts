/**
 * Which property paths of the newest AWS::Batch CloudFormation the test run's templates render
 * (test/util/cfn-paths.ts says what a path is).
 *
 * The paths come from the jsii assembly of the development aws-cdk-lib, so the list grows by itself with each
 * bump. At the end of a whole run (test/util/global-teardown.ts), every path must be rendered by a template the
 * run kept (test/robustness/capture-templates.ts), unless one of the two lists below names it:
 *
 * - `EXCLUDED`: paths this library never renders, each with the documented reason (CloudFormation or Batch marks
 *   it deprecated, reserved or read-only, or it belongs to something Batch does not support, such as Fargate
 *   settings on a multi-node job). DEVIATIONS.md names them ("Property paths left out").
 * - `AWAITING_TYPED_API`: paths that need public API this library does not have yet. Each must still be
 *   unrendered, so that the list only shrinks: the entry goes when the API comes.
 *
 * An entry stands for its path and every path below it; where two entries hold a path, the longer one decides.
 */
import { batchL1PropertyPaths, renderedPropertyPaths } from '../util/cfn-paths';
import * as fs from 'fs';
import * as path from 'path';

/** Why a path is never rendered, and where AWS says so. */
export interface Exclusion {
  readonly reason: string;
  /** The AWS page: its title and address. */
  readonly source: string;
}

const CE = 'AWS::Batch::ComputeEnvironment';
const JD = 'AWS::Batch::JobDefinition';
const NODE = 'NodeProperties.NodeRangeProperties[]';

const CFN_COMPUTE_RESOURCES = 'AWS CloudFormation Template Reference, "AWS::Batch::ComputeEnvironment ComputeResources", '
  + 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-batch-computeenvironment-computeresources.html';
const CFN_CONTAINER_PROPERTIES = 'AWS CloudFormation Template Reference, "AWS::Batch::JobDefinition ContainerProperties", '
  + 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-batch-jobdefinition-containerproperties.html';
const NOT_ON_FARGATE = 'Batch user guide, "Multi-node parallel jobs" (multi-node parallel jobs are not supported on Fargate), '
  + `https://docs.aws.amazon.com/batch/latest/userguide/multi-node-parallel-jobs.html; and ${CFN_CONTAINER_PROPERTIES}`;

/** Paths this library never renders, on purpose. */
export const EXCLUDED: { readonly [key: string]: Exclusion } = {
  [`${CE} Context`]: {
    reason: 'reserved: CloudFormation documents it as "Reserved" and gives it no meaning',
    source: 'AWS CloudFormation Template Reference, "AWS::Batch::ComputeEnvironment", '
      + 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-batch-computeenvironment.html#cfn-batch-computeenvironment-context',
  },
  [`${CE} ComputeResources.ImageId`]: {
    reason: 'deprecated: the Batch API marks imageId deprecated in favour of Ec2Configuration[].ImageIdOverride, '
      + 'which overrides it and which this library renders for its images',
    source: 'AWS Batch user guide, "Managing AMI versions in compute environments" (imageId, deprecated), '
      + `https://docs.aws.amazon.com/batch/latest/userguide/managing-ami-versions.html; ${CFN_COMPUTE_RESOURCES}`,
  },
  [`${CE} ComputeResources.DesiredvCpus`]: {
    reason: 'left out on purpose, as upstream 2.95.1 does: Batch sets the desired vCPUs itself between MinvCpus and '
      + 'MaxvCpus; it must not be given on Fargate or for EKS clusters, and an update may not lower it',
    source: CFN_COMPUTE_RESOURCES,
  },
  [`${CE} ComputeResources.Ec2Configuration[].BatchImageStatus`]: {
    reason: 'read-only: the status (latest, or update available) of a Batch-managed AMI that DescribeComputeEnvironments reports',
    source: 'AWS Batch user guide, "Managing AMI versions in compute environments", '
      + 'https://docs.aws.amazon.com/batch/latest/userguide/managing-ami-versions.html',
  },
  [`${CE} EksConfiguration.AccessEntry.Status`]: {
    reason: 'read-only: the status of the EKS access entry that DescribeComputeEnvironments returns',
    source: 'AWS CloudFormation Template Reference, "AWS::Batch::ComputeEnvironment EksAccessEntry", '
      + 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-batch-computeenvironment-eksaccessentry.html',
  },
  [`${JD} ContainerProperties.Vcpus`]: {
    reason: 'deprecated in favour of ResourceRequirements, which this library renders',
    source: CFN_CONTAINER_PROPERTIES,
  },
  [`${JD} ContainerProperties.Memory`]: {
    reason: 'deprecated in favour of ResourceRequirements, which this library renders',
    source: CFN_CONTAINER_PROPERTIES,
  },
  [`${JD} ContainerProperties.InstanceType`]: {
    reason: 'not applicable: the instance type of a multi-node parallel job, which must not be given for single-node '
      + 'jobs (this library renders it in node ranges)',
    source: CFN_CONTAINER_PROPERTIES,
  },
  [`${JD} ${NODE}.Container.Vcpus`]: {
    reason: 'deprecated in favour of ResourceRequirements, which this library renders',
    source: CFN_CONTAINER_PROPERTIES,
  },
  [`${JD} ${NODE}.Container.Memory`]: {
    reason: 'deprecated in favour of ResourceRequirements, which this library renders',
    source: CFN_CONTAINER_PROPERTIES,
  },
  [`${JD} ${NODE}.Container.EphemeralStorage`]: {
    reason: 'Fargate only, and multi-node jobs do not run on Fargate (a node range takes EC2 containers only)',
    source: NOT_ON_FARGATE,
  },
  [`${JD} ${NODE}.Container.FargatePlatformConfiguration`]: {
    reason: 'Fargate only (jobs on EC2 resources must not give it), and multi-node jobs do not run on Fargate',
    source: NOT_ON_FARGATE,
  },
  [`${JD} ${NODE}.Container.NetworkConfiguration`]: {
    reason: 'Fargate only (jobs on EC2 resources must not give it), and multi-node jobs do not run on Fargate',
    source: NOT_ON_FARGATE,
  },
  [`${JD} ${NODE}.Container.RuntimePlatform`]: {
    reason: 'the architecture of jobs on Fargate, and multi-node jobs do not run on Fargate',
    source: NOT_ON_FARGATE,
  },
};

/** Paths that need public API this library does not have yet: each must still be unrendered. */
export const AWAITING_TYPED_API: { readonly [key: string]: string } = {
};

/** What the templates of a run cover. */
export interface CoverageReport {
  readonly total: number;
  readonly covered: number;
  /** Every path no template renders, sorted. */
  readonly uncovered: string[];
  /** Uncovered paths that neither list names: each fails a whole run. */
  readonly unexplained: string[];
  /** Uncovered paths `EXCLUDED` names. */
  readonly excluded: string[];
  /** Uncovered paths `AWAITING_TYPED_API` names. */
  readonly awaiting: string[];
  /** Paths `AWAITING_TYPED_API` names that a template renders: the entry is stale, and fails any run. */
  readonly awaitingButCovered: string[];
  /** Entries of either list that match no path of the assembly (a typo, or a path CloudFormation dropped). */
  readonly unknownEntries: string[];
}

/** The two lists to check against (the module's own, unless a test gives others). */
export interface CoverageLists {
  readonly excluded: { readonly [key: string]: Exclusion };
  readonly awaiting: { readonly [key: string]: string };
}

const LISTS: CoverageLists = { excluded: EXCLUDED, awaiting: AWAITING_TYPED_API };

/** The entry of either list that decides for a path: the longest one that holds it. */
function entryOf(p: string, lists: CoverageLists): { key: string; awaiting: boolean } | undefined {
  const holds = (key: string) => p === key || p.startsWith(`${key}.`) || p.startsWith(`${key}[]`);
  const keys = [...Object.keys(lists.excluded), ...Object.keys(lists.awaiting)].filter(holds).sort((a, b) => b.length - a.length);
  return keys.length === 0 ? undefined : { key: keys[0], awaiting: keys[0] in lists.awaiting };
}

/** The coverage of `paths` (every path of the L1s) by `rendered` (the paths the templates render). */
export function coverageOf(paths: string[], rendered: Set<string>, lists: CoverageLists = LISTS): CoverageReport {
  const uncovered = paths.filter((p) => !rendered.has(p));
  const known = new Set(paths);
  return {
    total: paths.length,
    covered: paths.length - uncovered.length,
    uncovered,
    unexplained: uncovered.filter((p) => entryOf(p, lists) === undefined),
    excluded: uncovered.filter((p) => entryOf(p, lists)?.awaiting === false),
    awaiting: uncovered.filter((p) => entryOf(p, lists)?.awaiting === true),
    awaitingButCovered: paths.filter((p) => rendered.has(p) && entryOf(p, lists)?.awaiting === true),
    unknownEntries: [...Object.keys(lists.excluded), ...Object.keys(lists.awaiting)].filter((key) => !known.has(key)).sort(),
  };
}

/** The coverage of the development aws-cdk-lib's paths by the `*.json` templates in `dir`. */
export function coverageOfTemplates(dir: string, paths: string[] = batchL1PropertyPaths()): CoverageReport {
  const rendered = new Set<string>();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  for (const file of files) {
    for (const p of renderedPropertyPaths(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')))) {
      rendered.add(p);
    }
  }
  return coverageOf(paths, rendered);
}

/**
 * What the run prints: the summary line `cfn-coverage: covered C of T property paths; uncovered: ...`, then one
 * line per problem, then one per entry of the lists that holds uncovered paths, with its reason. A partial run
 * (`wholeRun` false) says so and leaves out the uncovered paths no list names: other test files render them.
 */
export function coverageLines(report: CoverageReport, wholeRun: boolean = true, lists: CoverageLists = LISTS): string[] {
  const byEntry = new Map<string, number>();
  for (const p of [...report.excluded, ...report.awaiting]) {
    const key = entryOf(p, lists)!.key;
    byEntry.set(key, (byEntry.get(key) ?? 0) + 1);
  }
  const entryLine = (key: string, count: number): string => {
    const paths = `(${count} ${count === 1 ? 'path' : 'paths'})`;
    return key in lists.awaiting
      ? `  awaiting typed API: ${key} ${paths}: ${lists.awaiting[key]}`
      : `  excluded: ${key} ${paths}: ${lists.excluded[key].reason}`;
  };
  return [
    `cfn-coverage: covered ${report.covered} of ${report.total} property paths; uncovered: ${report.uncovered.length} `
      + `(${report.excluded.length} excluded, ${report.awaiting.length} awaiting typed API, ${report.unexplained.length} unexplained)`
      + (wholeRun ? '' : ' (a partial run: uncovered paths are not checked)'),
    ...(wholeRun ? report.unexplained : []).map((p) => `  UNCOVERED ${p}: no template renders it, and neither EXCLUDED nor AWAITING_TYPED_API names it`),
    ...report.awaitingButCovered.map((p) => `  STALE ${p}: a template renders it, so AWAITING_TYPED_API must no longer name it`),
    ...report.unknownEntries.map((k) => `  UNKNOWN ${k}: the entry matches no property path of the assembly`),
    ...[...byEntry.entries()].map(([key, count]) => entryLine(key, count)),
  ];
}

/** The problems that fail the run: unexplained paths only count in a whole run, the others always. */
export function coverageProblems(report: CoverageReport, wholeRun: boolean): string[] {
  return [
    ...(wholeRun ? report.unexplained.map((p) => `uncovered: ${p}`) : []),
    ...report.awaitingButCovered.map((p) => `awaiting typed API, but rendered: ${p}`),
    ...report.unknownEntries.map((k) => `unknown entry: ${k}`),
  ];
}
