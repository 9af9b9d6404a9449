using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.Batch.Alpha;
using Amazon.CDK.AWS.EC2;
using Constructs;
using Ecs = Amazon.CDK.AWS.ECS;
using Eks = Amazon.CDK.AWS.EKS;

namespace BatchExample
{
    /// <summary>
    /// A line-by-line port of test/bindings/dotnet/newer-features.ts: the features that the Python and Java example
    /// apps do not use yet (S3 Files volumes, EKS security contexts, capacity tags, EKS access entries, multi-container
    /// jobs on ECS Managed Instances).
    /// </summary>
    /// <remarks>Keep it in step with the TypeScript: the binding tests compare the two synthesized templates.</remarks>
    public class NewerFeaturesStack : Stack
    {
        public NewerFeaturesStack(Construct scope, string id, IStackProps? props = null) : base(scope, id, props)
        {
            var vpc = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 });

            // Capacity tags on the instances ECS Managed Instances launches.
            var managedInstances = new EcsManagedInstancesComputeEnvironment(this, "ManagedInstancesComputeEnvironment", new EcsManagedInstancesComputeEnvironmentProps
            {
                Vpc = vpc,
                MaxvCpus = 64,
                CapacityTags = new Dictionary<string, string> { ["cost-center"] = "research" },
            });
            managedInstances.AddCapacityTag("team", "ml");
            new JobQueue(this, "ManagedInstancesJobQueue", new JobQueueProps
            {
                ComputeEnvironments = new IOrderedComputeEnvironment[]
                {
                    new OrderedComputeEnvironment { ComputeEnvironment = managedInstances, Order = 1 },
                },
            });

            // A multi-container job for that environment: host networking, and a file system from S3 Files.
            var managedInstancesTask = new EcsManagedInstancesTaskDefinition(this, "ManagedInstancesTask", new EcsManagedInstancesTaskDefinitionProps
            {
                NetworkMode = EcsNetworkMode.HOST,
                CpuArchitecture = Ecs.CpuArchitecture.ARM64,
            });
            managedInstancesTask.AddContainer(new EcsTaskContainerOptions
            {
                Name = "train",
                Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/docker/library/python:3.12"),
                Cpu = 4,
                Memory = Size.Gibibytes(16),
                Volumes = new EcsVolume[]
                {
                    EcsVolume.S3Files(new S3FilesVolumeOptions
                    {
                        Name = "checkpoints",
                        ContainerPath = "/checkpoints",
                        FileSystemArn = "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef1",
                        TransitEncryptionPort = 2049,
                    }),
                },
            });
            new EcsMultiContainerJobDefinition(this, "ManagedInstancesJobDefinition", new EcsMultiContainerJobDefinitionProps { Task = managedInstancesTask });

            // Batch manages the EKS access entry of its service role on the cluster.
            new ManagedEc2EksComputeEnvironment(this, "EksComputeEnvironment", new ManagedEc2EksComputeEnvironmentProps
            {
                Vpc = vpc,
                EksCluster = Eks.Cluster.FromClusterAttributes(this, "Cluster", new Eks.ClusterAttributes { ClusterName = "batch-cluster" }),
                KubernetesNamespace = "batch",
                AccessEntryDesiredState = EksAccessEntryDesiredState.ENABLED,
            });

            // A Fargate job that mounts an S3 file system through an access point; the job role it needs is created.
            new EcsJobDefinition(this, "S3FilesJobDefinition", new EcsJobDefinitionProps
            {
                Container = new EcsFargateContainerDefinition(this, "S3FilesContainer", new EcsFargateContainerDefinitionProps
                {
                    Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
                    Command = new[] { "ls", "/mnt/data" },
                    Cpu = 1,
                    Memory = Size.Gibibytes(2),
                    Volumes = new EcsVolume[]
                    {
                        EcsVolume.S3Files(new S3FilesVolumeOptions
                        {
                            Name = "data",
                            ContainerPath = "/mnt/data",
                            FileSystemArn = "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
                            AccessPointArn = "arn:aws:s3files:us-east-1:123456789012:access-point/fsap-0123456789abcdef0",
                            Readonly = true,
                        }),
                    },
                }),
            });

            // An EKS pod held to Kubernetes' restricted pod security standard.
            var init = new EksContainerDefinition(this, "InitContainer", new EksContainerDefinitionProps
            {
                Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/docker/library/busybox:1.36"),
                Name = "prepare",
                Command = new[] { "sh", "-c", "mkdir -p /work/out" },
                CpuReservation = 0.25,
                MemoryLimit = Size.Mebibytes(128),
                Capabilities = new LinuxCapabilities { Drop = new[] { "ALL" } },
                SeccompProfile = SeccompProfile.Localhost("profiles/prepare.json"),
            });
            new EksJobDefinition(this, "RestrictedEksJobDefinition", new EksJobDefinitionProps
            {
                Container = new EksContainerDefinition(this, "RestrictedContainer", new EksContainerDefinitionProps
                {
                    Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/docker/library/python:3.12"),
                    Name = "main",
                    Command = new[] { "python", "-m", "http.server", "80" },
                    CpuReservation = 1,
                    MemoryLimit = Size.Gibibytes(1),
                    AllowPrivilegeEscalation = false,
                    Capabilities = new LinuxCapabilities { Add = new[] { "NET_BIND_SERVICE" }, Drop = new[] { "ALL" } },
                    SeccompProfile = SeccompProfile.RuntimeDefault(),
                }),
                InitContainers = new[] { init },
                PodSecurityContext = new PodSecurityContext
                {
                    RunAsUser = 1000,
                    RunAsGroup = 3000,
                    FsGroup = 2000,
                    RunAsNonRoot = true,
                    SeccompProfile = SeccompProfile.RuntimeDefault(),
                },
            });

            // The same security context for the pods of every node of a multi-node EKS job.
            new MultiNodeEksJobDefinition(this, "MultiNodeEksJobDefinition", new MultiNodeEksJobDefinitionProps
            {
                InstanceType = InstanceType.Of(InstanceClass.G5, InstanceSize.XLARGE12),
                NumNodes = 2,
                NodeRanges = new IEksNodeRange[]
                {
                    new EksNodeRange
                    {
                        StartNode = 0,
                        Container = new EksContainerDefinition(this, "NodeContainer", new EksContainerDefinitionProps
                        {
                            Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/docker/library/python:3.12"),
                            Command = new[] { "torchrun" },
                            CpuReservation = 4,
                            MemoryLimit = Size.Gibibytes(16),
                            Capabilities = new LinuxCapabilities { Drop = new[] { "ALL" } },
                        }),
                        PodSecurityContext = new PodSecurityContext
                        {
                            RunAsUser = 1000,
                            RunAsNonRoot = true,
                            SeccompProfile = SeccompProfile.RuntimeDefault(),
                        },
                    },
                },
            });
        }
    }
}
