import { Duration, Size, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import * as batch from '../lib';

/**
 * Everything the library offers, in one stack. The construct ids here are mirrored by the
 * Python and Java apps under test/bindings, which must synthesize the same template.
 */
export class BatchExampleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });

    // Compute environments: one of each kind.
    const ec2Environment = new batch.ManagedEc2EcsComputeEnvironment(this, 'Ec2ComputeEnvironment', {
      vpc,
      spot: true,
      spotBidPercentage: 80,
      maxvCpus: 64,
      instanceClasses: [ec2.InstanceClass.M5],
    });
    ec2Environment.addInstanceType(ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE));
    Tags.of(ec2Environment).add('workload', 'example');

    new batch.ManagedEc2EksComputeEnvironment(this, 'EksComputeEnvironment', {
      vpc,
      eksCluster: eks.Cluster.fromClusterAttributes(this, 'Cluster', { clusterName: 'batch-cluster' }),
      kubernetesNamespace: 'batch',
    });

    new batch.FargateComputeEnvironment(this, 'FargateComputeEnvironment', { vpc, spot: true, maxvCpus: 32 });

    new batch.UnmanagedComputeEnvironment(this, 'UnmanagedComputeEnvironment', { unmanagedvCpus: 16 });

    const policy = new batch.FairshareSchedulingPolicy(this, 'FairsharePolicy', {
      shareDecay: Duration.minutes(10),
      computeReservation: 20,
      shares: [{ shareIdentifier: 'analytics', weightFactor: 1 }],
    });
    policy.addShare({ shareIdentifier: 'reports*', weightFactor: 0.5 });

    const queue = new batch.JobQueue(this, 'JobQueue', {
      priority: 10,
      schedulingPolicy: policy,
    });
    queue.addComputeEnvironment(ec2Environment, 1);

    // An EKS job: an image from ECR, and one volume of each kind.
    const repository = ecr.Repository.fromRepositoryName(this, 'Repository', 'batch-jobs');
    const eksContainer = new batch.EksContainerDefinition(this, 'EksContainer', {
      image: ecs.ContainerImage.fromEcrRepository(repository, 'v1'),
      command: ['python', '/app/main.py'],
      args: ['--verbose'],
      env: { STAGE: 'example' },
      cpuReservation: 1,
      cpuLimit: 2,
      memoryLimit: Size.gibibytes(2),
      runAsUser: 1000,
      volumes: [
        batch.EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch', sizeLimit: Size.gibibytes(1) }),
        batch.EksVolume.hostPath({ name: 'host-logs', hostPath: '/var/log', mountPath: '/host/logs', readonly: true }),
      ],
    });
    eksContainer.addVolume(batch.EksVolume.secret({ name: 'credentials', secretName: 'batch-credentials', mountPath: '/secrets' }));
    new batch.EksJobDefinition(this, 'EksJobDefinition', {
      container: eksContainer,
      serviceAccount: 'batch-jobs',
      retryAttempts: 2,
      timeout: Duration.hours(1),
    });

    // ECS jobs: one on EC2, one on Fargate, one over several nodes, and who may submit them.
    const linuxParameters = new batch.LinuxParameters(this, 'LinuxParameters', {
      initProcessEnabled: true,
      sharedMemorySize: Size.mebibytes(256),
    });
    linuxParameters.addTmpfs({ containerPath: '/scratch', size: Size.mebibytes(512) });
    const ec2Job = new batch.EcsJobDefinition(this, 'Ec2JobDefinition', {
      container: new batch.EcsEc2ContainerDefinition(this, 'Ec2Container', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
        cpu: 1,
        memory: Size.gibibytes(2),
        command: ['echo', 'Ref::message'],
        linuxParameters,
        ulimits: [{ name: batch.UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }],
      }),
      parameters: { message: 'hello' },
      retryAttempts: 3,
      retryStrategies: [batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.SPOT_INSTANCE_RECLAIMED)],
      timeout: Duration.minutes(30),
    });

    const fileSystem = new efs.FileSystem(this, 'FileSystem', { vpc });
    const databaseSecret = new secretsmanager.Secret(this, 'DatabaseSecret');
    const fargateContainer = new batch.EcsFargateContainerDefinition(this, 'FargateContainer', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
      cpu: 0.5,
      memory: Size.gibibytes(1),
      environment: { STAGE: 'example' },
      secrets: { DB_PASSWORD: batch.Secret.fromSecretsManager(databaseSecret, 'password') },
      ephemeralStorageSize: Size.gibibytes(30),
    });
    fargateContainer.addVolume(batch.EcsVolume.efs({
      name: 'shared',
      fileSystem,
      containerPath: '/mnt/shared',
      enableTransitEncryption: true,
    }));
    const fargateJob = new batch.EcsJobDefinition(this, 'FargateJobDefinition', {
      container: fargateContainer,
      propagateTags: true,
      retryAttempts: 5,
      retryStrategies: [batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.CANNOT_PULL_CONTAINER)],
    });
    fargateJob.addRetryStrategy(batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.custom({ onExitCode: '137' })));

    const multiNodeJob = new batch.MultiNodeJobDefinition(this, 'MultiNodeJobDefinition', {
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE),
      containers: [{
        startNode: 0,
        endNode: 0,
        container: new batch.EcsEc2ContainerDefinition(this, 'MainNodeContainer', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
          cpu: 4,
          memory: Size.gibibytes(4),
          command: ['mpirun', '--main'],
        }),
      }],
    });
    multiNodeJob.addContainer({
      startNode: 1,
      endNode: 3,
      container: new batch.EcsEc2ContainerDefinition(this, 'WorkerNodeContainer', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
        cpu: 4,
        memory: Size.gibibytes(4),
        command: ['mpirun', '--worker'],
      }),
    });

    // A job with a logging sidecar: the app's output goes to a FireLens log router in the same task.
    const sidecarTask = new batch.EcsFargateTaskDefinition(this, 'SidecarTask', {
      fargateCpuArchitecture: ecs.CpuArchitecture.ARM64,
    });
    sidecarTask.addContainer({
      name: 'log-router',
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-for-fluent-bit:stable'),
      cpu: 0.25,
      memory: Size.mebibytes(512),
      essential: false,
      firelensConfiguration: { type: ecs.FirelensLogRouterType.FLUENTBIT },
    });
    const sidecarApp = sidecarTask.addContainer({
      name: 'app',
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
      cpu: 0.25,
      memory: Size.mebibytes(512),
      command: ['echo', 'hello'],
      logging: ecs.LogDrivers.firelens({ options: { Name: 'stdout' } }),
    });
    sidecarApp.addDependency({ containerName: 'log-router', condition: ecs.ContainerDependencyCondition.START });
    const sidecarJob = new batch.EcsMultiContainerJobDefinition(this, 'SidecarJobDefinition', { task: sidecarTask });

    // An MPI job whose worker range is open-ended: a job submitted with more nodes runs more workers.
    const mpiJob = new batch.MultiNodeJobDefinition(this, 'MpiJobDefinition', {
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE),
      numNodes: 4,
    });
    mpiJob.addRange({
      startNode: 0,
      endNode: 0,
      container: new batch.EcsEc2ContainerDefinition(this, 'MpiMainContainer', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
        cpu: 4,
        memory: Size.gibibytes(4),
        command: ['mpirun', '--main'],
      }),
    });
    mpiJob.addRange({
      startNode: 1,
      instanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE2)],
      task: new batch.EcsEc2TaskDefinition(this, 'MpiWorkerTask', {
        containers: [
          {
            name: 'worker',
            image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
            cpu: 6,
            memory: Size.gibibytes(12),
            command: ['mpirun', '--worker'],
          },
          {
            name: 'metrics',
            image: ecs.ContainerImage.fromRegistry('public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest'),
            cpu: 1,
            memory: Size.mebibytes(256),
            essential: false,
          },
        ],
      }),
    });

    const submitter = new iam.Role(this, 'JobSubmitter', { assumedBy: new iam.AccountRootPrincipal() });
    ec2Job.grantSubmitJob(submitter, queue);
    fargateJob.grantSubmitJob(submitter, queue);
    sidecarJob.grantSubmitJob(submitter, queue, { allRevisions: true });
    mpiJob.grantSubmitJob(submitter, queue);
  }
}
