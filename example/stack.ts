import { Annotations, Duration, Size, Stack, StackProps, Tags } from 'aws-cdk-lib';
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

    // An EC2 environment whose launch template changes reach it: pinned to the template's latest
    // version, with a template of its own for GPU instances.
    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', { requireImdsv2: true });
    const pinnedEnvironment = new batch.ManagedEc2EcsComputeEnvironment(this, 'PinnedComputeEnvironment', {
      vpc,
      maxvCpus: 32,
      instanceClasses: [ec2.InstanceClass.C6I, ec2.InstanceClass.G5],
      launchTemplate,
      launchTemplateVersion: batch.LaunchTemplateVersion.latestVersionNumberOf(launchTemplate),
      ec2KeyPair: 'batch-ops',
      minScaleDownDelay: Duration.minutes(30),
      containerInsights: batch.ContainerInsights.ENABLED,
    });
    pinnedEnvironment.addLaunchTemplateOverride({
      launchTemplate: new ec2.LaunchTemplate(this, 'GpuLaunchTemplate', { requireImdsv2: true }),
      targetInstanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.G5, ec2.InstanceSize.XLARGE)],
      version: batch.LaunchTemplateVersion.latest(),
    });
    queue.addComputeEnvironment(pinnedEnvironment, 2);

    // ECS Managed Instances: ECS picks and patches the instances; its queue takes only its kind.
    const managedInstances = new batch.EcsManagedInstancesComputeEnvironment(this, 'ManagedInstancesComputeEnvironment', {
      vpc,
      maxvCpus: 128,
      allowedInstanceTypes: [new ec2.InstanceType('c6i.*'), new ec2.InstanceType('m6i.*')],
      scaleInAfter: Duration.minutes(5),
      propagateTags: true,
    });
    new batch.JobQueue(this, 'ManagedInstancesJobQueue', {
      computeEnvironments: [{ computeEnvironment: managedInstances, order: 1 }],
    });

    // SageMaker training jobs: a quota-management queue on a service environment, with a quota share.
    const trainingEnvironment = new batch.ServiceEnvironment(this, 'TrainingEnvironment', {
      capacityLimits: [batch.CapacityLimit.ofInstanceType('ml.m5.large', 8)],
    });
    const trainingQueue = new batch.JobQueue(this, 'TrainingJobQueue', {
      serviceEnvironments: [{ serviceEnvironment: trainingEnvironment, order: 1 }],
      schedulingPolicy: new batch.QuotaShareSchedulingPolicy(this, 'QuotaSharePolicy'),
    });
    new batch.QuotaShare(this, 'ResearchQuotaShare', {
      jobQueue: trainingQueue,
      quotaShareName: 'research',
      capacityLimits: [batch.CapacityLimit.ofInstanceType('ml.m5.large', 4)],
      resourceSharing: batch.ResourceSharing.lendAndBorrow(100),
      inSharePreemption: true,
    });

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

    // A Kubernetes pod of several containers: an init container fetching input into an emptyDir volume, a main
    // container reading it and writing to a persistent volume claim, a sidecar; images from a private registry.
    const fetchData = new batch.EksContainerDefinition(this, 'FetchDataContainer', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-cli/aws-cli:2.15.0'),
      name: 'fetch-data',
      command: ['aws', 's3', 'cp', '--recursive', 's3://example-bucket/input/', '/data/'],
      cpuReservation: 0.5,
      memoryLimit: Size.mebibytes(512),
      volumes: [batch.EksVolume.emptyDir({ name: 'data', mountPath: '/data' })],
    });
    const trainer = new batch.EksContainerDefinition(this, 'TrainerContainer', {
      image: ecs.ContainerImage.fromRegistry('registry.example.com/ml/trainer:3.1'),
      name: 'trainer',
      cpuReservation: 2,
      memoryLimit: Size.gibibytes(8),
      allowPrivilegeEscalation: false,
      volumes: [
        batch.EksVolume.emptyDir({ name: 'data', mountPath: '/input', readonly: true }),
        batch.EksVolume.persistentVolumeClaim({ name: 'results', claimName: 'training-results', mountPath: '/results', subPath: 'runs' }),
      ],
    });
    const podJob = new batch.EksJobDefinition(this, 'EksPodJobDefinition', {
      container: trainer,
      initContainers: [fetchData],
      imagePullSecrets: ['registry-credentials'],
      labels: { 'app.kubernetes.io/name': 'trainer' },
      annotations: { 'example.com/owner': 'ml-team' },
      shareProcessNamespace: true,
    });
    podJob.addContainer(new batch.EksContainerDefinition(this, 'MetricsContainer', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36'),
      name: 'metrics',
      command: ['sh', '-c', 'tail -F /results/metrics.log'],
      cpuReservation: 0.25,
      memoryLimit: Size.mebibytes(128),
      volumes: [batch.EksVolume.persistentVolumeClaim({ name: 'results', claimName: 'training-results', mountPath: '/results', readonly: true })],
    }));

    // A job over several EKS nodes: one pod per node; the workers' range is open-ended, so numNodes can be overridden.
    const eksMultiNodeJob = new batch.MultiNodeEksJobDefinition(this, 'MultiNodeEksJobDefinition', {
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.G5, ec2.InstanceSize.XLARGE12),
      numNodes: 4,
      nodeRanges: [{
        startNode: 0,
        endNode: 0,
        container: new batch.EksContainerDefinition(this, 'EksMainNodeContainer', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12'),
          command: ['torchrun', '--node-rank=0'],
          cpuReservation: 4,
          memoryLimit: Size.gibibytes(16),
        }),
      }],
    });
    eksMultiNodeJob.addNodeRange({
      startNode: 1,
      container: new batch.EksContainerDefinition(this, 'EksWorkerNodeContainer', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12'),
        command: ['torchrun', '--worker'],
        cpuReservation: 4,
        memoryLimit: Size.gibibytes(16),
      }),
      labels: { role: 'worker' },
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
    // The worker range shows an instance type of its own, which the Batch API takes per range. The user guide says
    // that all node groups of a job use one instance type, so the library warns; this app is synthesized, not
    // deployed, and acknowledges the warning. A job to deploy would run its main node on c5.2xlarge too.
    // (On the stack, not on the job: aws-cdk-lib 2.95.1 matches an acknowledgement of a warning added at synthesis
    // only on the scopes above the construct.)
    Annotations.of(this).acknowledgeWarning('@aws-cdk/aws-batch-alpha:nodeRangeInstanceTypes',
      'the example shows a range instance type; a deployed job runs every range on one instance type');

    const submitter = new iam.Role(this, 'JobSubmitter', { assumedBy: new iam.AccountRootPrincipal() });
    ec2Job.grantSubmitJob(submitter, queue);
    fargateJob.grantSubmitJob(submitter, queue);

    // What aws-cdk-lib 2.276 added: default instance classes, AL2023, time limit actions, ECS Exec,
    // the Fargate runtime platform, skipDeregisterOnUpdate and consumable resources.
    const gravitonEnvironment = new batch.ManagedEc2EcsComputeEnvironment(this, 'GravitonComputeEnvironment', {
      vpc,
      instanceClasses: [ec2.InstanceClass.C7G],
      defaultInstanceClasses: [batch.DefaultInstanceClass.ARM64],
      images: [{ imageType: batch.EcsMachineImageType.ECS_AL2023 }],
    });
    new batch.JobQueue(this, 'GravitonJobQueue', {
      computeEnvironments: [{ computeEnvironment: gravitonEnvironment, order: 1 }],
      jobStateTimeLimitActions: [{
        maxTime: Duration.minutes(30),
        reason: batch.JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY,
      }],
    });
    const licenses = new batch.ConsumableResource(this, 'Licenses', {
      totalQuantity: 10,
      resourceType: batch.ConsumableResourceType.REPLENISHABLE,
      tags: { team: 'example' },
    });
    const licensedJob = new batch.EcsJobDefinition(this, 'LicensedJobDefinition', {
      container: new batch.EcsFargateContainerDefinition(this, 'LicensedContainer', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
        cpu: 1,
        memory: Size.gibibytes(2),
        fargateCpuArchitecture: ecs.CpuArchitecture.ARM64,
        enableExecuteCommand: true,
      }),
      skipDeregisterOnUpdate: true,
      consumableResources: [{ consumableResource: licenses, quantity: 2 }],
    });
    licensedJob.addConsumableResource(licenses, 1);
    licenses.grants.read(submitter);
    sidecarJob.grantSubmitJob(submitter, queue, { allRevisions: true });
    mpiJob.grantSubmitJob(submitter, queue);
  }
}
