package example.batch;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.batch.alpha.EksContainerDefinition;
import software.amazon.awscdk.services.batch.alpha.EksJobDefinition;
import software.amazon.awscdk.services.batch.alpha.EksVolume;
import software.amazon.awscdk.services.batch.alpha.EmptyDirVolumeOptions;
import software.amazon.awscdk.services.batch.alpha.FairshareSchedulingPolicy;
import software.amazon.awscdk.services.batch.alpha.FargateComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.HostPathVolumeOptions;
import software.amazon.awscdk.services.batch.alpha.JobQueue;
import software.amazon.awscdk.services.batch.alpha.ManagedEc2EcsComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.ManagedEc2EksComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.SecretPathVolumeOptions;
import software.amazon.awscdk.services.batch.alpha.Share;
import software.amazon.awscdk.services.batch.alpha.UnmanagedComputeEnvironment;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.eks.Cluster;
import software.amazon.awscdk.services.eks.ClusterAttributes;
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

        // An EKS job: an image from ECR, and one volume of each kind.
        IRepository repository = Repository.fromRepositoryName(this, "Repository", "batch-jobs");
        EksContainerDefinition eksContainer = EksContainerDefinition.Builder.create(this, "EksContainer")
                .image(ContainerImage.fromEcrRepository(repository, "v1"))
                .command(List.of("python", "/app/main.py"))
                .args(List.of("--input", "Ref::input"))
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
                .parameters(Map.of("input", "s3://example-bucket/input"))
                .retryAttempts(2)
                .timeout(Duration.hours(1))
                .build();
    }
}
