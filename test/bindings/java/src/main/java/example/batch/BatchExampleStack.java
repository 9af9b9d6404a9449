package example.batch;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.batch.alpha.Action;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.batch.alpha.OrderedComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.JobStateTimeLimitActionsReason;
import software.amazon.awscdk.services.batch.alpha.JobStateTimeLimitAction;
import software.amazon.awscdk.services.batch.alpha.EcsMachineImageType;
import software.amazon.awscdk.services.batch.alpha.EcsMachineImage;
import software.amazon.awscdk.services.batch.alpha.DefaultInstanceClass;
import software.amazon.awscdk.services.batch.alpha.ConsumableResourceType;
import software.amazon.awscdk.services.batch.alpha.ConsumableResourceRequirement;
import software.amazon.awscdk.services.batch.alpha.ConsumableResource;
import software.amazon.awscdk.services.batch.alpha.CapacityLimit;
import software.amazon.awscdk.services.batch.alpha.ContainerInsights;
import software.amazon.awscdk.services.batch.alpha.EcsContainerDependency;
import software.amazon.awscdk.services.batch.alpha.EcsEc2TaskDefinition;
import software.amazon.awscdk.services.batch.alpha.EcsFargateTaskDefinition;
import software.amazon.awscdk.services.batch.alpha.EcsMultiContainerJobDefinition;
import software.amazon.awscdk.services.batch.alpha.EcsTaskContainer;
import software.amazon.awscdk.services.batch.alpha.EcsTaskContainerOptions;
import software.amazon.awscdk.services.batch.alpha.FirelensConfiguration;
import software.amazon.awscdk.services.batch.alpha.GrantSubmitJobOptions;
import software.amazon.awscdk.services.batch.alpha.MultiNodeRange;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.FireLensLogDriverProps;
import software.amazon.awscdk.services.ecs.FirelensLogRouterType;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.batch.alpha.CustomReason;
import software.amazon.awscdk.services.batch.alpha.EcsEc2ContainerDefinition;
import software.amazon.awscdk.services.batch.alpha.EcsFargateContainerDefinition;
import software.amazon.awscdk.services.batch.alpha.EcsJobDefinition;
import software.amazon.awscdk.services.batch.alpha.EcsManagedInstancesComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.EcsVolume;
import software.amazon.awscdk.services.batch.alpha.EfsVolumeOptions;
import software.amazon.awscdk.services.batch.alpha.EksContainerDefinition;
import software.amazon.awscdk.services.batch.alpha.EksJobDefinition;
import software.amazon.awscdk.services.batch.alpha.EksNodeRange;
import software.amazon.awscdk.services.batch.alpha.EksVolume;
import software.amazon.awscdk.services.batch.alpha.EmptyDirVolumeOptions;
import software.amazon.awscdk.services.batch.alpha.FairshareSchedulingPolicy;
import software.amazon.awscdk.services.batch.alpha.FargateComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.HostPathVolumeOptions;
import software.amazon.awscdk.services.batch.alpha.JobQueue;
import software.amazon.awscdk.services.batch.alpha.LaunchTemplateOverride;
import software.amazon.awscdk.services.batch.alpha.LaunchTemplateVersion;
import software.amazon.awscdk.services.batch.alpha.LinuxParameters;
import software.amazon.awscdk.services.batch.alpha.ManagedEc2EcsComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.ManagedEc2EksComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.MultiNodeContainer;
import software.amazon.awscdk.services.batch.alpha.MultiNodeEksJobDefinition;
import software.amazon.awscdk.services.batch.alpha.MultiNodeJobDefinition;
import software.amazon.awscdk.services.batch.alpha.PersistentVolumeClaimVolumeOptions;
import software.amazon.awscdk.services.batch.alpha.OrderedServiceEnvironment;
import software.amazon.awscdk.services.batch.alpha.QuotaShare;
import software.amazon.awscdk.services.batch.alpha.QuotaShareSchedulingPolicy;
import software.amazon.awscdk.services.batch.alpha.Reason;
import software.amazon.awscdk.services.batch.alpha.ResourceSharing;
import software.amazon.awscdk.services.batch.alpha.RetryStrategy;
import software.amazon.awscdk.services.batch.alpha.Secret;
import software.amazon.awscdk.services.batch.alpha.SecretPathVolumeOptions;
import software.amazon.awscdk.services.batch.alpha.ServiceEnvironment;
import software.amazon.awscdk.services.batch.alpha.Share;
import software.amazon.awscdk.services.batch.alpha.Tmpfs;
import software.amazon.awscdk.services.batch.alpha.Ulimit;
import software.amazon.awscdk.services.batch.alpha.UlimitName;
import software.amazon.awscdk.services.batch.alpha.UnmanagedComputeEnvironment;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.efs.FileSystem;
import software.amazon.awscdk.services.eks.Cluster;
import software.amazon.awscdk.services.eks.ClusterAttributes;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * A line-by-line port of example/stack.ts: same construct ids, same props, same calls, same order.
 *
 * Keep it in step with the TypeScript: the binding tests compare the two synthesized templates.
 * Porting: `new X(scope, id, { a: 1 })` becomes `X.Builder.create(scope, id).a(1).build()`, a props struct
 * passed to a method or factory becomes `XProps.builder()....build()`, arrays become `List.of(...)`, and objects
 * with more than one key become a `LinkedHashMap` (keep the TypeScript order: `Map.of` has none).
 */
public class BatchExampleStack extends Stack {
    public BatchExampleStack(final Construct scope, final String id) {
        this(scope, id, null);
    }

    public BatchExampleStack(final Construct scope, final String id, final StackProps props) {
        super(scope, id, props);

        Vpc vpc = Vpc.Builder.create(this, "Vpc").maxAzs(2).natGateways(1).build();

        // Compute environments: one of each kind.
        ManagedEc2EcsComputeEnvironment ec2Environment = ManagedEc2EcsComputeEnvironment.Builder
                .create(this, "Ec2ComputeEnvironment")
                .vpc(vpc)
                .spot(true)
                .spotBidPercentage(80)
                .maxvCpus(64)
                .instanceClasses(List.of(InstanceClass.M5))
                .build();
        ec2Environment.addInstanceType(InstanceType.of(InstanceClass.C5, InstanceSize.XLARGE));
        Tags.of(ec2Environment).add("workload", "example");

        ManagedEc2EksComputeEnvironment.Builder.create(this, "EksComputeEnvironment")
                .vpc(vpc)
                .eksCluster(Cluster.fromClusterAttributes(this, "Cluster",
                        ClusterAttributes.builder().clusterName("batch-cluster").build()))
                .kubernetesNamespace("batch")
                .build();

        FargateComputeEnvironment.Builder.create(this, "FargateComputeEnvironment")
                .vpc(vpc)
                .spot(true)
                .maxvCpus(32)
                .build();

        UnmanagedComputeEnvironment.Builder.create(this, "UnmanagedComputeEnvironment").unmanagedvCpus(16).build();

        FairshareSchedulingPolicy policy = FairshareSchedulingPolicy.Builder.create(this, "FairsharePolicy")
                .shareDecay(Duration.minutes(10))
                .computeReservation(20)
                .shares(List.of(Share.builder().shareIdentifier("analytics").weightFactor(1).build()))
                .build();
        policy.addShare(Share.builder().shareIdentifier("reports*").weightFactor(0.5).build());

        JobQueue queue = JobQueue.Builder.create(this, "JobQueue")
                .priority(10)
                .schedulingPolicy(policy)
                .build();
        queue.addComputeEnvironment(ec2Environment, 1);

        // An EC2 environment whose launch template changes reach it: pinned to the template's latest
        // version, with a template of its own for GPU instances.
        LaunchTemplate launchTemplate = LaunchTemplate.Builder.create(this, "LaunchTemplate").requireImdsv2(true).build();
        ManagedEc2EcsComputeEnvironment pinnedEnvironment = ManagedEc2EcsComputeEnvironment.Builder
                .create(this, "PinnedComputeEnvironment")
                .vpc(vpc)
                .maxvCpus(32)
                .instanceClasses(List.of(InstanceClass.C6I, InstanceClass.G5))
                .launchTemplate(launchTemplate)
                .launchTemplateVersion(LaunchTemplateVersion.latestVersionNumberOf(launchTemplate))
                .ec2KeyPair("batch-ops")
                .minScaleDownDelay(Duration.minutes(30))
                .containerInsights(ContainerInsights.ENABLED)
                .build();
        pinnedEnvironment.addLaunchTemplateOverride(LaunchTemplateOverride.builder()
                .launchTemplate(LaunchTemplate.Builder.create(this, "GpuLaunchTemplate").requireImdsv2(true).build())
                .targetInstanceTypes(List.of(InstanceType.of(InstanceClass.G5, InstanceSize.XLARGE)))
                .version(LaunchTemplateVersion.latest())
                .build());
        queue.addComputeEnvironment(pinnedEnvironment, 2);

        // ECS Managed Instances: ECS picks and patches the instances; its queue takes only its kind.
        EcsManagedInstancesComputeEnvironment managedInstances = EcsManagedInstancesComputeEnvironment.Builder
                .create(this, "ManagedInstancesComputeEnvironment")
                .vpc(vpc)
                .maxvCpus(128)
                .allowedInstanceTypes(List.of(new InstanceType("c6i.*"), new InstanceType("m6i.*")))
                .scaleInAfter(Duration.minutes(5))
                .propagateTags(true)
                .build();
        JobQueue.Builder.create(this, "ManagedInstancesJobQueue")
                .computeEnvironments(List.of(OrderedComputeEnvironment.builder()
                        .computeEnvironment(managedInstances).order(1).build()))
                .build();

        // SageMaker training jobs: a quota-management queue on a service environment, with a quota share.
        ServiceEnvironment trainingEnvironment = ServiceEnvironment.Builder.create(this, "TrainingEnvironment")
                .capacityLimits(List.of(CapacityLimit.ofInstanceType("ml.m5.large", 8)))
                .build();
        JobQueue trainingQueue = JobQueue.Builder.create(this, "TrainingJobQueue")
                .serviceEnvironments(List.of(OrderedServiceEnvironment.builder()
                        .serviceEnvironment(trainingEnvironment).order(1).build()))
                .schedulingPolicy(new QuotaShareSchedulingPolicy(this, "QuotaSharePolicy"))
                .build();
        QuotaShare.Builder.create(this, "ResearchQuotaShare")
                .jobQueue(trainingQueue)
                .quotaShareName("research")
                .capacityLimits(List.of(CapacityLimit.ofInstanceType("ml.m5.large", 4)))
                .resourceSharing(ResourceSharing.lendAndBorrow(100))
                .inSharePreemption(true)
                .build();

        // An EKS job: an image from ECR, and one volume of each kind.
        IRepository repository = Repository.fromRepositoryName(this, "Repository", "batch-jobs");
        EksContainerDefinition eksContainer = EksContainerDefinition.Builder.create(this, "EksContainer")
                .image(ContainerImage.fromEcrRepository(repository, "v1"))
                .command(List.of("python", "/app/main.py"))
                .args(List.of("--verbose"))
                .env(Map.of("STAGE", "example"))
                .cpuReservation(1)
                .cpuLimit(2)
                .memoryLimit(Size.gibibytes(2))
                .runAsUser(1000)
                .volumes(List.of(
                        EksVolume.emptyDir(EmptyDirVolumeOptions.builder()
                                .name("scratch").mountPath("/scratch").sizeLimit(Size.gibibytes(1)).build()),
                        EksVolume.hostPath(HostPathVolumeOptions.builder()
                                .name("host-logs").hostPath("/var/log").mountPath("/host/logs").readonly(true).build())))
                .build();
        eksContainer.addVolume(EksVolume.secret(SecretPathVolumeOptions.builder()
                .name("credentials").secretName("batch-credentials").mountPath("/secrets").build()));
        EksJobDefinition.Builder.create(this, "EksJobDefinition")
                .container(eksContainer)
                .serviceAccount("batch-jobs")
                .retryAttempts(2)
                .timeout(Duration.hours(1))
                .build();

        // A Kubernetes pod of several containers: an init container fetching input into an emptyDir volume, a main
        // container reading it and writing to a persistent volume claim, a sidecar; images from a private registry.
        EksContainerDefinition fetchData = EksContainerDefinition.Builder.create(this, "FetchDataContainer")
                .image(ContainerImage.fromRegistry("public.ecr.aws/aws-cli/aws-cli:2.15.0"))
                .name("fetch-data")
                .command(List.of("aws", "s3", "cp", "--recursive", "s3://example-bucket/input/", "/data/"))
                .cpuReservation(0.5)
                .memoryLimit(Size.mebibytes(512))
                .volumes(List.of(EksVolume.emptyDir(EmptyDirVolumeOptions.builder().name("data").mountPath("/data").build())))
                .build();
        EksContainerDefinition trainer = EksContainerDefinition.Builder.create(this, "TrainerContainer")
                .image(ContainerImage.fromRegistry("registry.example.com/ml/trainer:3.1"))
                .name("trainer")
                .cpuReservation(2)
                .memoryLimit(Size.gibibytes(8))
                .allowPrivilegeEscalation(false)
                .volumes(List.of(
                        EksVolume.emptyDir(EmptyDirVolumeOptions.builder().name("data").mountPath("/input").readonly(true).build()),
                        EksVolume.persistentVolumeClaim(PersistentVolumeClaimVolumeOptions.builder()
                                .name("results").claimName("training-results").mountPath("/results").subPath("runs").build())))
                .build();
        EksJobDefinition podJob = EksJobDefinition.Builder.create(this, "EksPodJobDefinition")
                .container(trainer)
                .initContainers(List.of(fetchData))
                .imagePullSecrets(List.of("registry-credentials"))
                .labels(Map.of("app.kubernetes.io/name", "trainer"))
                .annotations(Map.of("example.com/owner", "ml-team"))
                .shareProcessNamespace(true)
                .build();
        podJob.addContainer(EksContainerDefinition.Builder.create(this, "MetricsContainer")
                .image(ContainerImage.fromRegistry("public.ecr.aws/docker/library/busybox:1.36"))
                .name("metrics")
                .command(List.of("sh", "-c", "tail -F /results/metrics.log"))
                .cpuReservation(0.25)
                .memoryLimit(Size.mebibytes(128))
                .volumes(List.of(EksVolume.persistentVolumeClaim(PersistentVolumeClaimVolumeOptions.builder()
                        .name("results").claimName("training-results").mountPath("/results").readonly(true).build())))
                .build());

        // A job over several EKS nodes: one pod per node; the workers' range is open-ended, so numNodes can be overridden.
        MultiNodeEksJobDefinition eksMultiNodeJob = MultiNodeEksJobDefinition.Builder.create(this, "MultiNodeEksJobDefinition")
                .instanceType(InstanceType.of(InstanceClass.G5, InstanceSize.XLARGE12))
                .numNodes(4)
                .nodeRanges(List.of(EksNodeRange.builder()
                        .startNode(0)
                        .endNode(0)
                        .container(EksContainerDefinition.Builder.create(this, "EksMainNodeContainer")
                                .image(ContainerImage.fromRegistry("public.ecr.aws/docker/library/python:3.12"))
                                .command(List.of("torchrun", "--node-rank=0"))
                                .cpuReservation(4)
                                .memoryLimit(Size.gibibytes(16))
                                .build())
                        .build()))
                .build();
        eksMultiNodeJob.addNodeRange(EksNodeRange.builder()
                .startNode(1)
                .container(EksContainerDefinition.Builder.create(this, "EksWorkerNodeContainer")
                        .image(ContainerImage.fromRegistry("public.ecr.aws/docker/library/python:3.12"))
                        .command(List.of("torchrun", "--worker"))
                        .cpuReservation(4)
                        .memoryLimit(Size.gibibytes(16))
                        .build())
                .labels(Map.of("role", "worker"))
                .build());

        // ECS jobs: one on EC2, one on Fargate, one over several nodes, and who may submit them.
        LinuxParameters linuxParameters = LinuxParameters.Builder.create(this, "LinuxParameters")
                .initProcessEnabled(true)
                .sharedMemorySize(Size.mebibytes(256))
                .build();
        linuxParameters.addTmpfs(Tmpfs.builder().containerPath("/scratch").size(Size.mebibytes(512)).build());
        EcsJobDefinition ec2Job = EcsJobDefinition.Builder.create(this, "Ec2JobDefinition")
                .container(EcsEc2ContainerDefinition.Builder.create(this, "Ec2Container")
                        .image(ContainerImage.fromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"))
                        .cpu(1)
                        .memory(Size.gibibytes(2))
                        .command(List.of("echo", "Ref::message"))
                        .linuxParameters(linuxParameters)
                        .ulimits(List.of(Ulimit.builder().name(UlimitName.NOFILE).softLimit(1024).hardLimit(4096).build()))
                        .build())
                .parameters(Map.of("message", "hello"))
                .retryAttempts(3)
                .retryStrategies(List.of(RetryStrategy.of(Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED)))
                .timeout(Duration.minutes(30))
                .build();

        FileSystem fileSystem = FileSystem.Builder.create(this, "FileSystem").vpc(vpc).build();
        software.amazon.awscdk.services.secretsmanager.Secret databaseSecret =
                new software.amazon.awscdk.services.secretsmanager.Secret(this, "DatabaseSecret");
        EcsFargateContainerDefinition fargateContainer = EcsFargateContainerDefinition.Builder
                .create(this, "FargateContainer")
                .image(ContainerImage.fromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"))
                .cpu(0.5)
                .memory(Size.gibibytes(1))
                .environment(Map.of("STAGE", "example"))
                .secrets(Map.of("DB_PASSWORD", Secret.fromSecretsManager(databaseSecret, "password")))
                .ephemeralStorageSize(Size.gibibytes(30))
                .build();
        fargateContainer.addVolume(EcsVolume.efs(EfsVolumeOptions.builder()
                .name("shared")
                .fileSystem(fileSystem)
                .containerPath("/mnt/shared")
                .enableTransitEncryption(true)
                .build()));
        EcsJobDefinition fargateJob = EcsJobDefinition.Builder.create(this, "FargateJobDefinition")
                .container(fargateContainer)
                .propagateTags(true)
                .retryAttempts(5)
                .retryStrategies(List.of(RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER)))
                .build();
        fargateJob.addRetryStrategy(RetryStrategy.of(Action.RETRY,
                Reason.custom(CustomReason.builder().onExitCode("137").build())));

        MultiNodeJobDefinition multiNodeJob = MultiNodeJobDefinition.Builder.create(this, "MultiNodeJobDefinition")
                .instanceType(InstanceType.of(InstanceClass.C5, InstanceSize.XLARGE))
                .containers(List.of(MultiNodeContainer.builder()
                        .startNode(0)
                        .endNode(0)
                        .container(EcsEc2ContainerDefinition.Builder.create(this, "MainNodeContainer")
                                .image(ContainerImage.fromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"))
                                .cpu(4)
                                .memory(Size.gibibytes(4))
                                .command(List.of("mpirun", "--main"))
                                .build())
                        .build()))
                .build();
        multiNodeJob.addContainer(MultiNodeContainer.builder()
                .startNode(1)
                .endNode(3)
                .container(EcsEc2ContainerDefinition.Builder.create(this, "WorkerNodeContainer")
                        .image(ContainerImage.fromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"))
                        .cpu(4)
                        .memory(Size.gibibytes(4))
                        .command(List.of("mpirun", "--worker"))
                        .build())
                .build());

        // A job with a logging sidecar: the app's output goes to a FireLens log router in the same task.
        EcsFargateTaskDefinition sidecarTask = EcsFargateTaskDefinition.Builder.create(this, "SidecarTask")
                .fargateCpuArchitecture(CpuArchitecture.ARM64)
                .build();
        sidecarTask.addContainer(EcsTaskContainerOptions.builder()
                .name("log-router")
                .image(ContainerImage.fromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"))
                .cpu(0.25)
                .memory(Size.mebibytes(512))
                .essential(false)
                .firelensConfiguration(FirelensConfiguration.builder().type(FirelensLogRouterType.FLUENTBIT).build())
                .build());
        EcsTaskContainer sidecarApp = sidecarTask.addContainer(EcsTaskContainerOptions.builder()
                .name("app")
                .image(ContainerImage.fromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"))
                .cpu(0.25)
                .memory(Size.mebibytes(512))
                .command(List.of("echo", "hello"))
                .logging(LogDrivers.firelens(FireLensLogDriverProps.builder().options(Map.of("Name", "stdout")).build()))
                .build());
        sidecarApp.addDependency(EcsContainerDependency.builder()
                .containerName("log-router")
                .condition(ContainerDependencyCondition.START)
                .build());
        EcsMultiContainerJobDefinition sidecarJob = EcsMultiContainerJobDefinition.Builder.create(this, "SidecarJobDefinition")
                .task(sidecarTask)
                .build();

        // An MPI job whose worker range is open-ended: a job submitted with more nodes runs more workers.
        MultiNodeJobDefinition mpiJob = MultiNodeJobDefinition.Builder.create(this, "MpiJobDefinition")
                .instanceType(InstanceType.of(InstanceClass.C5, InstanceSize.XLARGE))
                .numNodes(4)
                .build();
        mpiJob.addRange(MultiNodeRange.builder()
                .startNode(0)
                .endNode(0)
                .container(EcsEc2ContainerDefinition.Builder.create(this, "MpiMainContainer")
                        .image(ContainerImage.fromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"))
                        .cpu(4)
                        .memory(Size.gibibytes(4))
                        .command(List.of("mpirun", "--main"))
                        .build())
                .build());
        mpiJob.addRange(MultiNodeRange.builder()
                .startNode(1)
                .instanceTypes(List.of(InstanceType.of(InstanceClass.C5, InstanceSize.XLARGE2)))
                .task(EcsEc2TaskDefinition.Builder.create(this, "MpiWorkerTask")
                        .containers(List.of(
                                EcsTaskContainerOptions.builder()
                                        .name("worker")
                                        .image(ContainerImage.fromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"))
                                        .cpu(6)
                                        .memory(Size.gibibytes(12))
                                        .command(List.of("mpirun", "--worker"))
                                        .build(),
                                EcsTaskContainerOptions.builder()
                                        .name("metrics")
                                        .image(ContainerImage.fromRegistry("public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest"))
                                        .cpu(1)
                                        .memory(Size.mebibytes(256))
                                        .essential(false)
                                        .build()))
                        .build())
                .build());

        Role submitter = Role.Builder.create(this, "JobSubmitter").assumedBy(new AccountRootPrincipal()).build();
        ec2Job.grantSubmitJob(submitter, queue);
        fargateJob.grantSubmitJob(submitter, queue);

        // What aws-cdk-lib 2.276 added: default instance classes, AL2023, time limit actions, ECS Exec,
        // the Fargate runtime platform, skipDeregisterOnUpdate and consumable resources.
        ManagedEc2EcsComputeEnvironment gravitonEnvironment = ManagedEc2EcsComputeEnvironment.Builder.create(this, "GravitonComputeEnvironment")
                .vpc(vpc)
                .instanceClasses(List.of(InstanceClass.C7G))
                .defaultInstanceClasses(List.of(DefaultInstanceClass.ARM64))
                .images(List.of(EcsMachineImage.builder().imageType(EcsMachineImageType.ECS_AL2023).build()))
                .build();
        JobQueue.Builder.create(this, "GravitonJobQueue")
                .computeEnvironments(List.of(OrderedComputeEnvironment.builder().computeEnvironment(gravitonEnvironment).order(1).build()))
                .jobStateTimeLimitActions(List.of(JobStateTimeLimitAction.builder()
                        .maxTime(Duration.minutes(30))
                        .reason(JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY)
                        .build()))
                .build();
        ConsumableResource licenses = ConsumableResource.Builder.create(this, "Licenses")
                .totalQuantity(10)
                .resourceType(ConsumableResourceType.REPLENISHABLE)
                .tags(Map.of("team", "example"))
                .build();
        EcsJobDefinition licensedJob = EcsJobDefinition.Builder.create(this, "LicensedJobDefinition")
                .container(EcsFargateContainerDefinition.Builder.create(this, "LicensedContainer")
                        .image(ContainerImage.fromRegistry("public.ecr.aws/amazonlinux/amazonlinux:latest"))
                        .cpu(1)
                        .memory(Size.gibibytes(2))
                        .fargateCpuArchitecture(CpuArchitecture.ARM64)
                        .enableExecuteCommand(true)
                        .build())
                .skipDeregisterOnUpdate(true)
                .consumableResources(List.of(ConsumableResourceRequirement.builder().consumableResource(licenses).quantity(2).build()))
                .build();
        licensedJob.addConsumableResource(licenses, 1);
        licenses.getGrants().read(submitter);
        sidecarJob.grantSubmitJob(submitter, queue, GrantSubmitJobOptions.builder().allRevisions(true).build());
        mpiJob.grantSubmitJob(submitter, queue);
    }
}
