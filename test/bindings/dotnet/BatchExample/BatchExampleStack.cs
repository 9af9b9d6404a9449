using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.Batch.Alpha;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.IAM;
using Constructs;
using BatchSecret = Amazon.CDK.AWS.Batch.Alpha.Secret;
using Ecs = Amazon.CDK.AWS.ECS;
using Efs = Amazon.CDK.AWS.EFS;
using Eks = Amazon.CDK.AWS.EKS;
using SecretsManager = Amazon.CDK.AWS.SecretsManager;

namespace BatchExample
{
    /// <summary>
    /// A line-by-line port of example/stack.ts: same construct ids, same props, same calls, same order.
    /// </summary>
    /// <remarks>
    /// Keep it in step with the TypeScript: the binding tests compare the two synthesized templates.
    /// Porting: <c>new X(scope, id, { a: 1 })</c> becomes <c>new X(scope, id, new XProps { A = 1 })</c>, a props
    /// struct passed to a method or factory becomes <c>new XOptions { ... }</c>, arrays become <c>new[] { ... }</c>
    /// and objects become a <c>Dictionary</c> (in the TypeScript order).
    /// </remarks>
    public class BatchExampleStack : Stack
    {
        public BatchExampleStack(Construct scope, string id, IStackProps? props = null) : base(scope, id, props)
        {
            var vpc = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 });

            // Compute environments: one of each kind.
            var ec2Environment = new ManagedEc2EcsComputeEnvironment(this, "Ec2ComputeEnvironment", new ManagedEc2EcsComputeEnvironmentProps
            {
                Vpc = vpc,
                Spot = true,
                SpotBidPercentage = 80,
                MaxvCpus = 64,
                InstanceClasses = new[] { InstanceClass.M5 },
            });
            ec2Environment.AddInstanceType(InstanceType.Of(InstanceClass.C5, InstanceSize.XLARGE));
            Amazon.CDK.Tags.Of(ec2Environment).Add("workload", "example");

            new ManagedEc2EksComputeEnvironment(this, "EksComputeEnvironment", new ManagedEc2EksComputeEnvironmentProps
            {
                Vpc = vpc,
                EksCluster = Eks.Cluster.FromClusterAttributes(this, "Cluster", new Eks.ClusterAttributes { ClusterName = "batch-cluster" }),
                KubernetesNamespace = "batch",
            });

            new FargateComputeEnvironment(this, "FargateComputeEnvironment", new FargateComputeEnvironmentProps
            {
                Vpc = vpc,
                Spot = true,
                MaxvCpus = 32,
            });

            new UnmanagedComputeEnvironment(this, "UnmanagedComputeEnvironment", new UnmanagedComputeEnvironmentProps { UnmanagedvCpus = 16 });

            var policy = new FairshareSchedulingPolicy(this, "FairsharePolicy", new FairshareSchedulingPolicyProps
            {
                ShareDecay = Duration.Minutes(10),
                ComputeReservation = 20,
                Shares = new IShare[] { new Share { ShareIdentifier = "analytics", WeightFactor = 1 } },
            });
            policy.AddShare(new Share { ShareIdentifier = "reports*", WeightFactor = 0.5 });

            var queue = new JobQueue(this, "JobQueue", new JobQueueProps
            {
                Priority = 10,
                SchedulingPolicy = policy,
            });
            queue.AddComputeEnvironment(ec2Environment, 1);

            // An EC2 environment whose launch template changes reach it: pinned to the template's latest
            // version, with a template of its own for GPU instances.
            var launchTemplate = new LaunchTemplate(this, "LaunchTemplate", new LaunchTemplateProps { RequireImdsv2 = true });
            var pinnedEnvironment = new ManagedEc2EcsComputeEnvironment(this, "PinnedComputeEnvironment", new ManagedEc2EcsComputeEnvironmentProps
            {
                Vpc = vpc,
                MaxvCpus = 32,
                InstanceClasses = new[] { InstanceClass.C6I, InstanceClass.G5 },
                LaunchTemplate = launchTemplate,
                LaunchTemplateVersion = LaunchTemplateVersion.LatestVersionNumberOf(launchTemplate),
                Ec2KeyPair = "batch-ops",
                MinScaleDownDelay = Duration.Minutes(30),
                ContainerInsights = ContainerInsights.ENABLED,
            });
            pinnedEnvironment.AddLaunchTemplateOverride(new LaunchTemplateOverride
            {
                LaunchTemplate = new LaunchTemplate(this, "GpuLaunchTemplate", new LaunchTemplateProps { RequireImdsv2 = true }),
                TargetInstanceTypes = new[] { InstanceType.Of(InstanceClass.G5, InstanceSize.XLARGE) },
                Version = LaunchTemplateVersion.Latest(),
            });
            queue.AddComputeEnvironment(pinnedEnvironment, 2);

            // ECS Managed Instances: ECS picks and patches the instances; its queue takes only its kind.
            var managedInstances = new EcsManagedInstancesComputeEnvironment(this, "ManagedInstancesComputeEnvironment", new EcsManagedInstancesComputeEnvironmentProps
            {
                Vpc = vpc,
                MaxvCpus = 128,
                AllowedInstanceTypes = new[] { new InstanceType("c6i.*"), new InstanceType("m6i.*") },
                ScaleInAfter = Duration.Minutes(5),
                PropagateTags = true,
            });
            new JobQueue(this, "ManagedInstancesJobQueue", new JobQueueProps
            {
                ComputeEnvironments = new IOrderedComputeEnvironment[]
                {
                    new OrderedComputeEnvironment { ComputeEnvironment = managedInstances, Order = 1 },
                },
            });

            // SageMaker training jobs: a quota-management queue on a service environment, with a quota share.
            var trainingEnvironment = new ServiceEnvironment(this, "TrainingEnvironment", new ServiceEnvironmentProps
            {
                CapacityLimits = new[] { CapacityLimit.OfInstanceType("ml.m5.large", 8) },
            });
            var trainingQueue = new JobQueue(this, "TrainingJobQueue", new JobQueueProps
            {
                ServiceEnvironments = new IOrderedServiceEnvironment[]
                {
                    new OrderedServiceEnvironment { ServiceEnvironment = trainingEnvironment, Order = 1 },
                },
                SchedulingPolicy = new QuotaShareSchedulingPolicy(this, "QuotaSharePolicy"),
            });
            new QuotaShare(this, "ResearchQuotaShare", new QuotaShareProps
            {
                JobQueue = trainingQueue,
                QuotaShareName = "research",
                CapacityLimits = new[] { CapacityLimit.OfInstanceType("ml.m5.large", 4) },
                ResourceSharing = ResourceSharing.LendAndBorrow(100),
                InSharePreemption = true,
            });

            // An EKS job: an image from ECR, and one volume of each kind.
            var repository = Repository.FromRepositoryName(this, "Repository", "batch-jobs");
            var eksContainer = new EksContainerDefinition(this, "EksContainer", new EksContainerDefinitionProps
            {
                Image = Ecs.ContainerImage.FromEcrRepository(repository, "v1"),
                Command = new[] { "python", "/app/main.py" },
                Args = new[] { "--verbose" },
                Env = new Dictionary<string, string> { ["STAGE"] = "example" },
                CpuReservation = 1,
                CpuLimit = 2,
                MemoryLimit = Size.Gibibytes(2),
                RunAsUser = 1000,
                Volumes = new EksVolume[]
                {
                    EksVolume.EmptyDir(new EmptyDirVolumeOptions { Name = "scratch", MountPath = "/scratch", SizeLimit = Size.Gibibytes(1) }),
                    EksVolume.HostPath(new HostPathVolumeOptions { Name = "host-logs", HostPath = "/var/log", MountPath = "/host/logs", Readonly = true }),
                },
            });
            eksContainer.AddVolume(EksVolume.Secret(new SecretPathVolumeOptions { Name = "credentials", SecretName = "batch-credentials", MountPath = "/secrets" }));
            new EksJobDefinition(this, "EksJobDefinition", new EksJobDefinitionProps
            {
                Container = eksContainer,
                ServiceAccount = "batch-jobs",
                RetryAttempts = 2,
                Timeout = Duration.Hours(1),
            });

            // A Kubernetes pod of several containers: an init container fetching input into an emptyDir volume, a main
            // container reading it and writing to a persistent volume claim, a sidecar; images from a private registry.
            var fetchData = new EksContainerDefinition(this, "FetchDataContainer", new EksContainerDefinitionProps
            {
                Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/aws-cli/aws-cli:2.15.0"),
                Name = "fetch-data",
                Command = new[] { "aws", "s3", "cp", "--recursive", "s3://example-bucket/input/", "/data/" },
                CpuReservation = 0.5,
                MemoryLimit = Size.Mebibytes(512),
                Volumes = new EksVolume[] { EksVolume.EmptyDir(new EmptyDirVolumeOptions { Name = "data", MountPath = "/data" }) },
            });
            var trainer = new EksContainerDefinition(this, "TrainerContainer", new EksContainerDefinitionProps
            {
                Image = Ecs.ContainerImage.FromRegistry("registry.example.com/ml/trainer:3.1"),
                Name = "trainer",
                CpuReservation = 2,
                MemoryLimit = Size.Gibibytes(8),
                AllowPrivilegeEscalation = false,
                Volumes = new EksVolume[]
                {
                    EksVolume.EmptyDir(new EmptyDirVolumeOptions { Name = "data", MountPath = "/input", Readonly = true }),
                    EksVolume.PersistentVolumeClaim(new PersistentVolumeClaimVolumeOptions
                    {
                        Name = "results", ClaimName = "training-results", MountPath = "/results", SubPath = "runs",
                    }),
                },
            });
            var podJob = new EksJobDefinition(this, "EksPodJobDefinition", new EksJobDefinitionProps
            {
                Container = trainer,
                InitContainers = new[] { fetchData },
                ImagePullSecrets = new[] { "registry-credentials" },
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "trainer" },
                Annotations = new Dictionary<string, string> { ["example.com/owner"] = "ml-team" },
                ShareProcessNamespace = true,
            });
            podJob.AddContainer(new EksContainerDefinition(this, "MetricsContainer", new EksContainerDefinitionProps
            {
                Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/docker/library/busybox:1.36"),
                Name = "metrics",
                Command = new[] { "sh", "-c", "tail -F /results/metrics.log" },
                CpuReservation = 0.25,
                MemoryLimit = Size.Mebibytes(128),
                Volumes = new EksVolume[]
                {
                    EksVolume.PersistentVolumeClaim(new PersistentVolumeClaimVolumeOptions
                    {
                        Name = "results", ClaimName = "training-results", MountPath = "/results", Readonly = true,
                    }),
                },
            }));

            // A job over several EKS nodes: one pod per node; the workers' range is open-ended, so numNodes can be overridden.
            var eksMultiNodeJob = new MultiNodeEksJobDefinition(this, "MultiNodeEksJobDefinition", new MultiNodeEksJobDefinitionProps
            {
                InstanceType = InstanceType.Of(InstanceClass.G5, InstanceSize.XLARGE12),
                NumNodes = 4,
                NodeRanges = new IEksNodeRange[]
                {
                    new EksNodeRange
                    {
                        StartNode = 0,
                        EndNode = 0,
                        Container = new EksContainerDefinition(this, "EksMainNodeContainer", new EksContainerDefinitionProps
                        {
                            Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/docker/library/python:3.12"),
                            Command = new[] { "torchrun", "--node-rank=0" },
                            CpuReservation = 4,
                            MemoryLimit = Size.Gibibytes(16),
                        }),
                    },
                },
            });
            eksMultiNodeJob.AddNodeRange(new EksNodeRange
            {
                StartNode = 1,
                Container = new EksContainerDefinition(this, "EksWorkerNodeContainer", new EksContainerDefinitionProps
                {
                    Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/docker/library/python:3.12"),
                    Command = new[] { "torchrun", "--worker" },
                    CpuReservation = 4,
                    MemoryLimit = Size.Gibibytes(16),
                }),
                Labels = new Dictionary<string, string> { ["role"] = "worker" },
            });

            // ECS jobs: one on EC2, one on Fargate, one over several nodes, and who may submit them.
            var linuxParameters = new LinuxParameters(this, "LinuxParameters", new LinuxParametersProps
            {
                InitProcessEnabled = true,
                SharedMemorySize = Size.Mebibytes(256),
            });
            linuxParameters.AddTmpfs(new Tmpfs { ContainerPath = "/scratch", Size = Size.Mebibytes(512) });
            var ec2Job = new EcsJobDefinition(this, "Ec2JobDefinition", new EcsJobDefinitionProps
            {
                Container = new EcsEc2ContainerDefinition(this, "Ec2Container", new EcsEc2ContainerDefinitionProps
                {
                    Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                    Cpu = 1,
                    Memory = Size.Gibibytes(2),
                    Command = new[] { "echo", "Ref::message" },
                    LinuxParameters = linuxParameters,
                    Ulimits = new IUlimit[] { new Ulimit { Name = UlimitName.NOFILE, SoftLimit = 1024, HardLimit = 4096 } },
                }),
                Parameters = new Dictionary<string, object> { ["message"] = "hello" },
                RetryAttempts = 3,
                RetryStrategies = new[] { RetryStrategy.Of(Amazon.CDK.AWS.Batch.Alpha.Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED) },
                Timeout = Duration.Minutes(30),
            });

            var fileSystem = new Efs.FileSystem(this, "FileSystem", new Efs.FileSystemProps { Vpc = vpc });
            var databaseSecret = new SecretsManager.Secret(this, "DatabaseSecret");
            var fargateContainer = new EcsFargateContainerDefinition(this, "FargateContainer", new EcsFargateContainerDefinitionProps
            {
                Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                Cpu = 0.5,
                Memory = Size.Gibibytes(1),
                Environment = new Dictionary<string, string> { ["STAGE"] = "example" },
                Secrets = new Dictionary<string, BatchSecret> { ["DB_PASSWORD"] = BatchSecret.FromSecretsManager(databaseSecret, "password") },
                EphemeralStorageSize = Size.Gibibytes(30),
            });
            fargateContainer.AddVolume(EcsVolume.Efs(new EfsVolumeOptions
            {
                Name = "shared",
                FileSystem = fileSystem,
                ContainerPath = "/mnt/shared",
                EnableTransitEncryption = true,
            }));
            var fargateJob = new EcsJobDefinition(this, "FargateJobDefinition", new EcsJobDefinitionProps
            {
                Container = fargateContainer,
                PropagateTags = true,
                RetryAttempts = 5,
                RetryStrategies = new[] { RetryStrategy.Of(Amazon.CDK.AWS.Batch.Alpha.Action.EXIT, Reason.CANNOT_PULL_CONTAINER) },
            });
            fargateJob.AddRetryStrategy(RetryStrategy.Of(Amazon.CDK.AWS.Batch.Alpha.Action.RETRY, Reason.Custom(new CustomReason { OnExitCode = "137" })));

            var multiNodeJob = new MultiNodeJobDefinition(this, "MultiNodeJobDefinition", new MultiNodeJobDefinitionProps
            {
                InstanceType = InstanceType.Of(InstanceClass.C5, InstanceSize.XLARGE),
                Containers = new IMultiNodeContainer[]
                {
                    new MultiNodeContainer
                    {
                        StartNode = 0,
                        EndNode = 0,
                        Container = new EcsEc2ContainerDefinition(this, "MainNodeContainer", new EcsEc2ContainerDefinitionProps
                        {
                            Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                            Cpu = 4,
                            Memory = Size.Gibibytes(4),
                            Command = new[] { "mpirun", "--main" },
                        }),
                    },
                },
            });
            multiNodeJob.AddContainer(new MultiNodeContainer
            {
                StartNode = 1,
                EndNode = 3,
                Container = new EcsEc2ContainerDefinition(this, "WorkerNodeContainer", new EcsEc2ContainerDefinitionProps
                {
                    Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                    Cpu = 4,
                    Memory = Size.Gibibytes(4),
                    Command = new[] { "mpirun", "--worker" },
                }),
            });

            // A job with a logging sidecar: the app's output goes to a FireLens log router in the same task.
            var sidecarTask = new EcsFargateTaskDefinition(this, "SidecarTask", new EcsFargateTaskDefinitionProps
            {
                FargateCpuArchitecture = Ecs.CpuArchitecture.ARM64,
            });
            sidecarTask.AddContainer(new EcsTaskContainerOptions
            {
                Name = "log-router",
                Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"),
                Cpu = 0.25,
                Memory = Size.Mebibytes(512),
                Essential = false,
                FirelensConfiguration = new FirelensConfiguration { Type = Ecs.FirelensLogRouterType.FLUENTBIT },
            });
            var sidecarApp = sidecarTask.AddContainer(new EcsTaskContainerOptions
            {
                Name = "app",
                Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                Cpu = 0.25,
                Memory = Size.Mebibytes(512),
                Command = new[] { "echo", "hello" },
                Logging = Ecs.LogDrivers.Firelens(new Ecs.FireLensLogDriverProps { Options = new Dictionary<string, string> { ["Name"] = "stdout" } }),
            });
            sidecarApp.AddDependency(new EcsContainerDependency
            {
                ContainerName = "log-router",
                Condition = Ecs.ContainerDependencyCondition.START,
            });
            var sidecarJob = new EcsMultiContainerJobDefinition(this, "SidecarJobDefinition", new EcsMultiContainerJobDefinitionProps { Task = sidecarTask });

            // An MPI job whose worker range is open-ended: a job submitted with more nodes runs more workers.
            var mpiJob = new MultiNodeJobDefinition(this, "MpiJobDefinition", new MultiNodeJobDefinitionProps
            {
                InstanceType = InstanceType.Of(InstanceClass.C5, InstanceSize.XLARGE),
                NumNodes = 4,
            });
            mpiJob.AddRange(new MultiNodeRange
            {
                StartNode = 0,
                EndNode = 0,
                Container = new EcsEc2ContainerDefinition(this, "MpiMainContainer", new EcsEc2ContainerDefinitionProps
                {
                    Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                    Cpu = 4,
                    Memory = Size.Gibibytes(4),
                    Command = new[] { "mpirun", "--main" },
                }),
            });
            mpiJob.AddRange(new MultiNodeRange
            {
                StartNode = 1,
                InstanceTypes = new[] { InstanceType.Of(InstanceClass.C5, InstanceSize.XLARGE2) },
                Task = new EcsEc2TaskDefinition(this, "MpiWorkerTask", new EcsTaskDefinitionProps
                {
                    Containers = new IEcsTaskContainerOptions[]
                    {
                        new EcsTaskContainerOptions
                        {
                            Name = "worker",
                            Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                            Cpu = 6,
                            Memory = Size.Gibibytes(12),
                            Command = new[] { "mpirun", "--worker" },
                        },
                        new EcsTaskContainerOptions
                        {
                            Name = "metrics",
                            Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest"),
                            Cpu = 1,
                            Memory = Size.Mebibytes(256),
                            Essential = false,
                        },
                    },
                }),
            });

            // The worker range shows an instance type of its own: the example acknowledges the library's warning about it.
            Annotations.Of(this).AcknowledgeWarning("@aws-cdk/aws-batch-alpha:nodeRangeInstanceTypes",
                "the example shows a range instance type; a deployed job runs every range on one instance type");

            var submitter = new Role(this, "JobSubmitter", new RoleProps { AssumedBy = new AccountRootPrincipal() });
            ec2Job.GrantSubmitJob(submitter, queue);
            fargateJob.GrantSubmitJob(submitter, queue);

            // What aws-cdk-lib 2.276 added: default instance classes, AL2023, time limit actions, ECS Exec,
            // the Fargate runtime platform, skipDeregisterOnUpdate and consumable resources.
            var gravitonEnvironment = new ManagedEc2EcsComputeEnvironment(this, "GravitonComputeEnvironment", new ManagedEc2EcsComputeEnvironmentProps
            {
                Vpc = vpc,
                InstanceClasses = new[] { InstanceClass.C7G },
                DefaultInstanceClasses = new[] { DefaultInstanceClass.ARM64 },
                Images = new IEcsMachineImage[] { new EcsMachineImage { ImageType = EcsMachineImageType.ECS_AL2023 } },
            });
            new JobQueue(this, "GravitonJobQueue", new JobQueueProps
            {
                ComputeEnvironments = new IOrderedComputeEnvironment[]
                {
                    new OrderedComputeEnvironment { ComputeEnvironment = gravitonEnvironment, Order = 1 },
                },
                JobStateTimeLimitActions = new IJobStateTimeLimitAction[]
                {
                    new JobStateTimeLimitAction
                    {
                        MaxTime = Duration.Minutes(30),
                        Reason = JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY,
                    },
                },
            });
            var licenses = new ConsumableResource(this, "Licenses", new ConsumableResourceProps
            {
                TotalQuantity = 10,
                ResourceType = ConsumableResourceType.REPLENISHABLE,
                Tags = new Dictionary<string, string> { ["team"] = "example" },
            });
            var licensedJob = new EcsJobDefinition(this, "LicensedJobDefinition", new EcsJobDefinitionProps
            {
                Container = new EcsFargateContainerDefinition(this, "LicensedContainer", new EcsFargateContainerDefinitionProps
                {
                    Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                    Cpu = 1,
                    Memory = Size.Gibibytes(2),
                    FargateCpuArchitecture = Ecs.CpuArchitecture.ARM64,
                    EnableExecuteCommand = true,
                }),
                SkipDeregisterOnUpdate = true,
                ConsumableResources = new IConsumableResourceRequirement[]
                {
                    new ConsumableResourceRequirement { ConsumableResource = licenses, Quantity = 2 },
                },
            });
            licensedJob.AddConsumableResource(licenses, 1);
            licenses.Grants.Read(submitter);
            sidecarJob.GrantSubmitJob(submitter, queue, new GrantSubmitJobOptions { AllRevisions = true });
            mpiJob.GrantSubmitJob(submitter, queue);
        }
    }
}
