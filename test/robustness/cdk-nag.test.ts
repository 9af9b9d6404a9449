/**
 * cdk-nag's AWS Solutions checks over the example app, which uses every construct of the
 * library.
 *
 * Every finding is either fixed or suppressed here with a written reason; the test fails on an
 * unsuppressed error or warning, and on a suppressed rule that is not in the expected list (a new
 * finding) or no longer triggered (a stale suppression). The example's resources are not changed
 * to please the checks: the Python and Java apps under test/bindings mirror them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import {
  AwsSolutionsChecks,
  INagLogger,
  NagLoggerComplianceData,
  NagLoggerErrorData,
  NagLoggerNonComplianceData,
  NagLoggerNotApplicableData,
  NagLoggerSuppressedData,
  NagLoggerSuppressedErrorData,
  NagPackSuppression,
  NagSuppressions,
} from 'cdk-nag';
import { IConstruct } from 'constructs';
import { BatchExampleStack } from '../../example/stack';

/** A suppression of this test, and whose choice the finding is. */
interface Suppression extends NagPackSuppression {
  /** 'library' for what the library's constructs create, 'example' for the example app's own resources. */
  readonly owner: 'library' | 'example';
  /** The construct paths (under the stack) of the resources it applies to; none for the whole stack. */
  readonly paths?: string[];
}

const MANAGED_POLICY = (name: string) => `Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${name}`;

/** Every suppression, with its reason. CONTRIBUTING.md "Security checks" lists the same rules and reasons. */
const SUPPRESSIONS: Suppression[] = [
  {
    id: 'AwsSolutions-IAM4',
    owner: 'library',
    appliesTo: [MANAGED_POLICY('AmazonEC2ContainerServiceforEC2Role')],
    reason: 'The default instance role of managed EC2 compute environments has the AWS managed policy the AWS Batch user guide '
      + 'prescribes for container instances ("Amazon ECS instance role"); pass instanceRole to use a role of your own.',
  },
  {
    id: 'AwsSolutions-IAM4',
    owner: 'library',
    appliesTo: [
      'Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances',
      'Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInstanceRolePolicyForManagedInstances',
    ],
    reason: 'The default infrastructure and instance roles of ECS Managed Instances compute environments have the AWS managed '
      + 'policies the Amazon ECS developer guide prescribes for them; pass infrastructureRole and instanceRole to use your own.',
  },
  {
    id: 'AwsSolutions-IAM4',
    owner: 'library',
    appliesTo: [MANAGED_POLICY('AWSBatchServiceRole')],
    reason: 'The default service role of unmanaged compute environments has the AWS managed policy AWS documents for a Batch '
      + 'service role, as upstream does; pass serviceRole to use another role.',
  },
  {
    id: 'AwsSolutions-IAM5',
    owner: 'library',
    appliesTo: ['Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/batch/job:*'],
    reason: 'Without a log driver, Batch writes job output to log streams it names per job in the log group /aws/batch/job; '
      + 'the default execution role may create and write streams of that one group only.',
  },
  {
    id: 'AwsSolutions-IAM5',
    owner: 'library',
    appliesTo: ['Resource::*'],
    reason: 'With enableExecuteCommand, the job role may open the Session Manager channels ECS Exec uses; these ssmmessages '
      + 'actions support no resource-level permissions.',
  },
  {
    id: 'AwsSolutions-VPC7',
    owner: 'example',
    paths: ['Vpc/Resource'],
    reason: 'The example\'s VPC is a minimal network for the compute environments; flow logs are a deployment\'s choice, not the library\'s.',
  },
  {
    id: 'AwsSolutions-SMG4',
    owner: 'example',
    paths: ['DatabaseSecret/Resource'],
    reason: 'The example\'s secret only shows how a secret reaches a container; rotation depends on what the secret holds.',
  },
  {
    id: 'AwsSolutions-IAM5',
    owner: 'example',
    paths: ['JobSubmitter/DefaultPolicy/Resource'],
    appliesTo: ['Resource::arn:<AWS::Partition>:batch:<AWS::Region>:<AWS::AccountId>:job-definition/'
      + '{"Fn::Select":[1,{"Fn::Split":["/",{"Fn::Select":[5,{"Fn::Split":[":",{"Ref":"SidecarJobDefinition5F49AE57"}]}]}]}]}:*'],
    reason: 'The example lets its submitter submit every revision of the sidecar job definition (grantSubmitJob with allRevisions): '
      + 'the wildcard is the revision of that one job definition.',
  },
];

/** A finding the checks reported, suppressed or not. */
interface Finding {
  readonly ruleId: string;
  readonly findingId: string;
  readonly path: string;
  readonly suppressedWith?: string;
}

/** Records what the checks find, besides the annotations cdk-nag writes. */
class RecordingLogger implements INagLogger {
  public readonly findings: Finding[] = [];
  public readonly ruleErrors: string[] = [];

  public onCompliance(_data: NagLoggerComplianceData): void {}
  public onNotApplicable(_data: NagLoggerNotApplicableData): void {}

  public onNonCompliance(data: NagLoggerNonComplianceData): void {
    this.findings.push({ ruleId: data.ruleId, findingId: data.findingId, path: data.resource.node.path });
  }

  public onSuppressed(data: NagLoggerSuppressedData): void {
    this.findings.push({
      ruleId: data.ruleId, findingId: data.findingId, path: data.resource.node.path, suppressedWith: data.suppressionReason,
    });
  }

  public onError(data: NagLoggerErrorData): void {
    this.ruleErrors.push(`${data.ruleId} on ${data.resource.node.path}: ${data.errorMessage}`);
  }

  public onSuppressedError(data: NagLoggerSuppressedErrorData): void {
    this.ruleErrors.push(`${data.ruleId} on ${data.resource.node.path} (suppressed): ${data.errorMessage}`);
  }
}

/** Whether a finding was suppressed by this suppression (cdk-nag prefixes the reason with the finding id). */
function suppressedBy(finding: Finding, suppression: Suppression): boolean {
  return finding.ruleId === suppression.id
    && (finding.suppressedWith?.endsWith(suppression.reason) ?? false)
    && (suppression.appliesTo === undefined || suppression.appliesTo.includes(finding.findingId));
}

function applySuppressions(stack: Stack, suppressions: Suppression[]): void {
  for (const { id, reason, appliesTo, paths } of suppressions) {
    const suppression: NagPackSuppression = { id, reason, appliesTo };
    if (paths) {
      for (const resourcePath of paths) {
        const resource = resourcePath.split('/').reduce<IConstruct>((scope, childId) => scope.node.findChild(childId), stack) as CfnResource;
        NagSuppressions.addResourceSuppressions(resource, [suppression]);
      }
    } else {
      NagSuppressions.addStackSuppressions(stack, [suppression]);
    }
  }
}

/** Synthesizes the example with the checks and the given suppressions. */
function checkExample(suppressions: Suppression[]) {
  const app = new App();
  const stack = new BatchExampleStack(app, 'BatchExample');
  applySuppressions(stack, suppressions);
  const logger = new RecordingLogger();
  Aspects.of(app).add(new AwsSolutionsChecks({ reports: false, additionalLoggers: [logger] }));
  app.synth();
  const annotations = Annotations.fromStack(stack);
  return {
    logger,
    errors: annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    warnings: annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
  };
}

describe('AwsSolutionsChecks over the example app', () => {
  const { logger, errors, warnings } = checkExample(SUPPRESSIONS);

  test('no rule fails to run', () => {
    expect(logger.ruleErrors).toEqual([]);
  });

  test('no unsuppressed error or warning remains', () => {
    expect(errors.map((e) => `${e.id}: ${e.entry.data}`)).toEqual([]);
    expect(warnings.map((w) => `${w.id}: ${w.entry.data}`)).toEqual([]);
    expect(logger.findings.filter((f) => f.suppressedWith === undefined)).toEqual([]);
  });

  test('the suppressed rules are exactly the expected ones', () => {
    const suppressedRules = [...new Set(logger.findings.map((f) => f.ruleId))].sort();
    expect(suppressedRules).toEqual(['AwsSolutions-IAM4', 'AwsSolutions-IAM5', 'AwsSolutions-SMG4', 'AwsSolutions-VPC7']);
  });

  test('every suppression is used, and carries a reason', () => {
    for (const suppression of SUPPRESSIONS) {
      const used = logger.findings.filter((f) => suppressedBy(f, suppression));
      expect({ suppression: suppression.id, appliesTo: suppression.appliesTo, used: used.length > 0 })
        .toEqual({ suppression: suppression.id, appliesTo: suppression.appliesTo, used: true });
      expect(suppression.reason.length).toBeGreaterThanOrEqual(40);
    }
  });

  test('the library\'s findings are about its default roles only', () => {
    const library = SUPPRESSIONS.filter((s) => s.owner === 'library');
    const paths = [...new Set(logger.findings.filter((f) => library.some((s) => suppressedBy(f, s))).map((f) => f.path))].sort();
    expect(paths).toEqual([
      'BatchExample/Ec2ComputeEnvironment/InstanceProfileRole/Resource',
      'BatchExample/Ec2Container/ExecutionRole/DefaultPolicy/Resource',
      'BatchExample/EksComputeEnvironment/InstanceProfileRole/Resource',
      'BatchExample/FargateContainer/ExecutionRole/DefaultPolicy/Resource',
      'BatchExample/GravitonComputeEnvironment/InstanceProfileRole/Resource',
      'BatchExample/LicensedContainer/ExecutionRole/DefaultPolicy/Resource',
      'BatchExample/LicensedContainer/JobRole/DefaultPolicy/Resource',
      'BatchExample/MainNodeContainer/ExecutionRole/DefaultPolicy/Resource',
      'BatchExample/ManagedInstancesComputeEnvironment/InfrastructureRole/Resource',
      'BatchExample/ManagedInstancesComputeEnvironment/InstanceRole/Resource',
      'BatchExample/MpiMainContainer/ExecutionRole/DefaultPolicy/Resource',
      'BatchExample/MpiWorkerTask/ExecutionRole/DefaultPolicy/Resource',
      'BatchExample/PinnedComputeEnvironment/InstanceProfileRole/Resource',
      'BatchExample/SidecarTask/ExecutionRole/DefaultPolicy/Resource',
      'BatchExample/UnmanagedComputeEnvironment/BatchServiceRole/Resource',
      'BatchExample/WorkerNodeContainer/ExecutionRole/DefaultPolicy/Resource',
    ]);
  });
});

test('without the suppressions, each suppressed rule is reported as an error', () => {
  const { errors } = checkExample([]);
  const rules = [...new Set(errors.map((e) => String(e.entry.data).split(/[:[]/)[0]))].sort();
  expect(rules).toEqual([...new Set(SUPPRESSIONS.map((s) => s.id))].sort());
});

test('CONTRIBUTING.md "Security checks" lists each suppressed rule, and no other', () => {
  const contributing = fs.readFileSync(path.join(__dirname, '..', '..', 'CONTRIBUTING.md'), 'utf8');
  const start = contributing.indexOf('\n## Security checks\n');
  expect(start).toBeGreaterThan(0);
  const end = contributing.indexOf('\n## ', start + 1);
  const section = contributing.slice(start, end < 0 ? undefined : end);
  const listed = [...section.matchAll(/^\| (AwsSolutions-[A-Za-z0-9]+) \|/gm)].map((m) => m[1]);
  expect(listed).toEqual(SUPPRESSIONS.map((s) => s.id));
});
