/**
 * Every TypeScript example of README.md runs and synthesizes.
 *
 * `npm run rosetta` already type-checks the examples against rosetta/default.ts-fixture; this
 * test runs them. Each example runs in a fresh stack, like the body of the fixture's
 * constructor (`this` is the stack, the fixture's imports are in scope, and
 * `@aws-cdk/aws-batch-alpha` is this library). Each `declare const x: T;` becomes a real value
 * made by the factory for `T` below; an example that declares a type with no factory fails,
 * naming it, so a new kind of input means a new factory here.
 *
 * An example that shows a mistake is marked with a `// throws` comment line; the test then
 * checks that it does throw (at construction or at synthesis). An example that shows a warning of
 * this library says so in a `// warns: <id>` comment line; every other example synthesizes without one.
 */
import { App, Duration, Size, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import * as batch from '../lib';
import { assemblyTypes, loadAssembly } from './util/assembly';
import { compileSnippet, declarations, expectedWarnings, expectsError, loadSnippet, readmeSnippets, Snippet, typescriptBlocks } from './util/readme';

// The examples are validated against CloudFormation's schemas by aws-cdk-lib, which the rest of the suite turns off
// (test/util/global-setup.ts); this file's process.env is its own.
delete process.env.CDK_VALIDATION;

/** What a factory gets: where to put constructs, an id for them, and the other factories. */
interface Inputs {
  readonly scope: Construct;
  readonly id: string;
  /** A VPC shared by the inputs that need one. */
  vpc(): ec2.IVpc;
  make(type: string): any;
}

/** A real value for each declared type, keyed by the type's text in the snippet. */
const FACTORIES: Record<string, (x: Inputs) => unknown> = {
  'string': (x) => x.id,
  'number': () => 1,
  'Duration': () => Duration.minutes(1),
  'Size': () => Size.gibibytes(1),

  'ec2.IVpc': (x) => new ec2.Vpc(x.scope, x.id),
  'ec2.ISecurityGroup': (x) => new ec2.SecurityGroup(x.scope, x.id, { vpc: x.vpc() }),
  'ec2.ILaunchTemplate': (x) => new ec2.LaunchTemplate(x.scope, x.id),
  'ec2.IPlacementGroup': (x) => new ec2.PlacementGroup(x.scope, x.id),
  'ec2.IMachineImage': () => ec2.MachineImage.latestAmazonLinux2(),
  'ec2.InstanceType': () => ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE),

  'iam.IRole': (x) => new iam.Role(x.scope, x.id, { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }),
  'iam.IGrantable': (x) => x.make('iam.IRole'),
  'iam.IPrincipal': (x) => x.make('iam.IRole'),

  'ecs.ContainerImage': () => ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'),
  'eks.ICluster': (x) => eks.Cluster.fromClusterAttributes(x.scope, x.id, { clusterName: 'my-cluster', vpc: x.vpc() }),
  'efs.IFileSystem': (x) => new efs.FileSystem(x.scope, x.id, { vpc: x.vpc() }),
  'secretsmanager.ISecret': (x) => new secretsmanager.Secret(x.scope, x.id),
  'ssm.IParameter': (x) => ssm.StringParameter.fromStringParameterName(x.scope, x.id, 'my-parameter'),
  'ssm.IStringParameter': (x) => x.make('ssm.IParameter'),

  'batch.IComputeEnvironment': (x) => x.make('batch.IManagedEc2EcsComputeEnvironment'),
  'batch.IManagedComputeEnvironment': (x) => x.make('batch.IManagedEc2EcsComputeEnvironment'),
  'batch.IManagedEc2EcsComputeEnvironment': (x) => new batch.ManagedEc2EcsComputeEnvironment(x.scope, x.id, { vpc: x.vpc() }),
  'batch.IFargateComputeEnvironment': (x) => new batch.FargateComputeEnvironment(x.scope, x.id, { vpc: x.vpc() }),
  'batch.IUnmanagedComputeEnvironment': (x) => new batch.UnmanagedComputeEnvironment(x.scope, x.id),
  'batch.IJobQueue': (x) => new batch.JobQueue(x.scope, x.id, {
    computeEnvironments: [{ computeEnvironment: x.make('batch.IComputeEnvironment'), order: 1 }],
  }),
  'batch.ISchedulingPolicy': (x) => x.make('batch.IFairshareSchedulingPolicy'),
  'batch.IFairshareSchedulingPolicy': (x) => new batch.FairshareSchedulingPolicy(x.scope, x.id),
  'batch.IEcsContainerDefinition': (x) => x.make('batch.IEcsEc2ContainerDefinition'),
  'batch.IEcsEc2ContainerDefinition': (x) => new batch.EcsEc2ContainerDefinition(x.scope, x.id, {
    image: x.make('ecs.ContainerImage'), cpu: 1, memory: Size.mebibytes(512),
  }),
  'batch.IEcsFargateContainerDefinition': (x) => new batch.EcsFargateContainerDefinition(x.scope, x.id, {
    image: x.make('ecs.ContainerImage'), cpu: 0.25, memory: Size.mebibytes(512),
  }),
  'batch.IEksContainerDefinition': (x) => new batch.EksContainerDefinition(x.scope, x.id, { image: x.make('ecs.ContainerImage') }),
  'batch.IJobDefinition': (x) => x.make('batch.EcsJobDefinition'),
  'batch.EcsJobDefinition': (x) => new batch.EcsJobDefinition(x.scope, x.id, { container: x.make('batch.IEcsContainerDefinition') }),
  'batch.IEksJobDefinition': (x) => new batch.EksJobDefinition(x.scope, x.id, { container: x.make('batch.IEksContainerDefinition') }),
};

// A declared class type gets what its interface gets (`batch.JobQueue` as `batch.IJobQueue`, ...).
for (const key of Object.keys(FACTORIES)) {
  const m = /^(\w+)\.I([A-Z]\w*)$/.exec(key);
  if (m && !(`${m[1]}.${m[2]}` in FACTORIES)) {
    FACTORIES[`${m[1]}.${m[2]}`] = FACTORIES[key];
  }
}

/** The factory for a declared type: `T[]` gets a one-element array. */
function factoryFor(type: string): ((x: Inputs) => unknown) | undefined {
  const array = /^(.*)\[\]$/.exec(type);
  if (array) {
    const element = factoryFor(array[1].trim());
    return element && ((x) => [element(x)]);
  }
  return FACTORIES[type];
}

/** Makes declared values in `stack`, each with its own construct id, counting the constructs they add. */
function inputsIn(stack: Stack): { make: (type: string, name: string) => unknown; added: () => number } {
  let vpc: ec2.IVpc | undefined;
  let count = 0;
  let added = 0;
  const size = () => stack.node.findAll().length;
  const make = (type: string, name: string): unknown => {
    const factory = factoryFor(type);
    if (!factory) {
      throw new Error(`no factory for the declared type '${type}' (of '${name}'): add one to FACTORIES in test/readme-examples.test.ts`);
    }
    const id = `Declared${name.charAt(0).toUpperCase()}${name.slice(1)}${count++ === 0 ? '' : count}`;
    return factory({
      scope: stack,
      id,
      vpc: () => (vpc ??= new ec2.Vpc(stack, 'DeclaredSharedVpc')),
      make: (inner) => make(inner, `${name}Input`),
    });
  };
  return {
    make: (type, name) => {
      const before = size();
      try {
        return make(type, name);
      } finally {
        added += size() - before;
      }
    },
    added: () => added,
  };
}

/** `@aws-cdk/aws-batch-alpha` is this library; everything else resolves as usual. */
function resolve(id: string): unknown {
  return id === '@aws-cdk/aws-batch-alpha' ? batch : require(id);
}

interface Run {
  readonly stack: Stack;
  readonly template: any;
  /** The ids of this library's warnings in the synthesized stack, sorted. */
  readonly warnings: string[];
  /** How many constructs the example added itself, beyond those of its declared inputs. */
  readonly ownConstructs: number;
}

/**
 * Runs a snippet in a fresh stack and synthesizes the app. Synthesis also checks the template
 * against CloudFormation's resource schemas (as errors, not warnings).
 */
function runSnippet(snippet: Snippet, body: 'example' | 'inputs only' = 'example'): Run {
  const code = body === 'example'
    ? snippet.code
    : declarations(snippet.code).map((d) => `declare const ${d.name}: ${d.type};`).join('\n');
  const module = loadSnippet(compileSnippet(code), resolve);
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  const stack = new Stack(app, 'Fixture');
  // An example that only imports existing resources leaves the template without resources.
  Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::F0001', reason: 'an example may create no resource' });
  const before = stack.node.findAll().length;
  const inputs = inputsIn(stack);
  module.run.call(stack, inputs.make);
  const ownConstructs = stack.node.findAll().length - before - inputs.added();
  const assembly = app.synth();
  const artifact = assembly.getStackArtifact(stack.artifactId);
  const warnings = artifact.messages
    .filter((m) => m.level === 'warning')
    .map((m) => /\[ack: (@aws-cdk\/aws-batch-alpha:[^\]]+)\]/.exec(String(m.entry.data))?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
  return { stack, template: artifact.template, ownConstructs, warnings };
}

const snippets = readmeSnippets();
const name = (s: Snippet) => `README.md:${s.line} (${s.heading})`;
const working = snippets.filter((s) => !expectsError(s.code));
const failing = snippets.filter((s) => expectsError(s.code));

describe('README examples', () => {
  test('there are examples', () => {
    expect(working.length).toBeGreaterThan(0);
  });

  test('every declared input type has a factory', () => {
    const unknown = snippets.flatMap((s) => declarations(s.code)
      .filter((d) => !factoryFor(d.type))
      .map((d) => `${name(s)}: declare const ${d.name}: ${d.type}`));
    expect(unknown).toEqual([]);
  });

  test.each(working.map((s) => [name(s), s] as const))('%s synthesizes', (_name, snippet) => {
    // WHEN the example runs in a stack and the app is synthesized
    const run = runSnippet(snippet);

    // THEN it adds constructs of its own, or at least changes what its inputs synthesize to
    const changed = run.ownConstructs > 0
      || JSON.stringify(run.template) !== JSON.stringify(runSnippet(snippet, 'inputs only').template);
    expect(changed).toBe(true);

    // AND it warns only as its `// warns:` lines say
    expect(run.warnings).toEqual(expectedWarnings(snippet.code));
  });

  test('the README has an example marked to warn', () => {
    expect(working.filter((s) => expectedWarnings(s.code).length > 0).length).toBeGreaterThan(0);
  });

  test('the README has examples marked to throw', () => {
    // Without them the test below would not run at all: a README that lost its markers must fail here.
    expect(failing.length).toBeGreaterThan(0);
  });

  if (failing.length > 0) {
    test.each(failing.map((s) => [name(s), s] as const))('%s throws, as it is marked to', (_name, snippet) => {
      let error: unknown;
      try {
        runSnippet(snippet);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      // A mistake in the example itself (or in this harness) is not the error it means to show:
      // the library's errors name the construct at fault, which is in the example's stack.
      expect(error).not.toBeInstanceOf(ReferenceError);
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error).not.toBeInstanceOf(SyntaxError);
      expect((error as Error).message).toMatch(/'Fixture\//);
    });
  }
});

describe('README coverage', () => {
  test('every public class of the library appears in an example', () => {
    // A class appears when an example names it (`batch.JobQueue`) or calls a static method that
    // returns it (`batch.EcsVolume.efs(...)` makes an `EfsVolume`).
    const code = snippets.map((s) => s.code).join('\n');
    const types = Object.values<any>(assemblyTypes(loadAssembly()));
    const classes = types.filter((t) => t.kind === 'class');
    expect(classes.length).toBeGreaterThan(0);
    const named = (c: string) => new RegExp(`\\bbatch\\.${c}\\b`).test(code);
    const madeBy = (fqn: string) => classes.some((t) => (t.methods ?? []).some((m: any) =>
      m.static && m.returns?.type?.fqn === fqn && new RegExp(`\\bbatch\\.${t.name}\\.${m.name}\\(`).test(code)));
    const missing = classes.filter((t) => !named(t.name) && !madeBy(t.fqn)).map((t) => t.name);
    expect(missing).toEqual([]);
  });
});

describe('the example runner', () => {
  const readme = [
    '# Title',
    '## Queues',
    '```ts',
    'declare const ce: batch.IComputeEnvironment;',
    "new batch.JobQueue(this, 'Q', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });",
    '```',
    '```console',
    '```ts inside another block is not code',
    '```',
    '```ts',
    '// throws',
    "new batch.JobQueue(this, 'Q', { priority: 2000 });",
    '```',
  ].join('\n');

  test('reads the warning ids of `// warns:` lines, and only those', () => {
    expect(expectedWarnings([
      '// warns: @aws-cdk/aws-batch-alpha:fargateIgnoresImageUpdate (Fargate has no image to update)',
      "new batch.FargateComputeEnvironment(this, 'F', { vpc }); // warns nothing: not a line of its own",
      '  // warns: @aws-cdk/aws-batch-alpha:nodeRanges, @aws-cdk/aws-batch-alpha:healthyDependency',
    ].join('\n'))).toEqual(['@aws-cdk/aws-batch-alpha:fargateIgnoresImageUpdate', '@aws-cdk/aws-batch-alpha:healthyDependency',
      '@aws-cdk/aws-batch-alpha:nodeRanges']);
  });

  test('finds the TypeScript blocks, their lines and headings', () => {
    const blocks = typescriptBlocks(readme);
    expect(blocks.map((b) => [b.line, b.heading])).toEqual([[3, 'Queues'], [10, 'Queues']]);
    expect(declarations(blocks[0].code)).toEqual([{ name: 'ce', type: 'batch.IComputeEnvironment' }]);
    expect(blocks.map((b) => expectsError(b.code))).toEqual([false, true]);
  });

  test('runs a block with real inputs in a stack that synthesizes', () => {
    const { template } = runSnippet(typescriptBlocks(readme)[0]);
    expect(Object.values<any>(template.Resources).map((r) => r.Type)).toEqual(
      expect.arrayContaining(['AWS::Batch::JobQueue', 'AWS::Batch::ComputeEnvironment']));
  });

  test('a marked block does throw', () => {
    expect(() => runSnippet(typescriptBlocks(readme)[1])).toThrow(/priority/);
  });

  test('an unknown declared type fails with its name', () => {
    const snippet = { line: 1, heading: 'x', code: 'declare const thing: batch.INoSuchThing;' };
    expect(() => runSnippet(snippet)).toThrow(/no factory for the declared type 'batch.INoSuchThing' \(of 'thing'\)/);
  });
});
