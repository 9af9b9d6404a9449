package example.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.batch.alpha.Action;
import software.amazon.awscdk.services.batch.alpha.CustomReason;
import software.amazon.awscdk.services.batch.alpha.EcsEc2ContainerDefinition;
import software.amazon.awscdk.services.batch.alpha.EcsJobDefinition;
import software.amazon.awscdk.services.batch.alpha.EcsVolume;
import software.amazon.awscdk.services.batch.alpha.EfsVolume;
import software.amazon.awscdk.services.batch.alpha.EfsVolumeOptions;
import software.amazon.awscdk.services.batch.alpha.FargateComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.IComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.IJobDefinition;
import software.amazon.awscdk.services.batch.alpha.ManagedEc2EcsComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.Secret;
import software.amazon.awscdk.services.batch.alpha.Ulimit;
import software.amazon.awscdk.services.batch.alpha.UlimitName;
import software.amazon.awscdk.services.batch.alpha.FairshareSchedulingPolicy;
import software.amazon.awscdk.services.batch.alpha.IFairshareSchedulingPolicy;
import software.amazon.awscdk.services.batch.alpha.IJobQueue;
import software.amazon.awscdk.services.batch.alpha.JobQueue;
import software.amazon.awscdk.services.batch.alpha.OrderedComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.Reason;
import software.amazon.awscdk.services.batch.alpha.RetryStrategy;
import software.amazon.awscdk.services.batch.alpha.Share;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.efs.FileSystem;

/**
 * The parts of the API that are easy to get wrong across languages: static presets, factories, enums,
 * add*() after construction, imports by ARN, errors raised in the library.
 */
class ApiTest {
    private static final String PACKAGE = "software.amazon.awscdk.services.batch.alpha.";

    private static Stack newStack() {
        return new Stack(new App(), "Test");
    }

    /** Every public type of the assembly, from the list run.sh writes: `kind name [member,member...]`. */
    @Test
    void everyPublicTypeOfTheAssemblyIsAJavaType() throws Exception {
        String file = System.getenv("BATCH_TYPES_FILE");
        assertNotNull(file, "BATCH_TYPES_FILE must name the type list written by test/bindings/list-types.js");
        List<String> lines = Files.readAllLines(Path.of(file));
        assertTrue(lines.size() > 10, "expected the assembly's types, got " + lines.size() + " lines");
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            String kind = parts[0];
            String name = parts[1];
            Class<?> type;
            try {
                type = Class.forName(PACKAGE + name);
            } catch (ClassNotFoundException e) {
                problems.add(kind + " " + name + " has no Java type");
                continue;
            }
            if (kind.equals("enum")) {
                for (String member : parts[2].split(",")) {
                    try {
                        Enum.valueOf(type.asSubclass(Enum.class), member);
                    } catch (IllegalArgumentException e) {
                        problems.add("enum " + name + " has no member " + member);
                    }
                }
            } else if (kind.equals("interface") || kind.equals("struct")) {
                if (!type.isInterface()) problems.add(kind + " " + name + " is not a Java interface");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void retryStrategyOfKeepsItsActionAndTheReasonPresetItWasGiven() {
        RetryStrategy strategy = RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE);
        assertEquals(Action.RETRY, strategy.getAction());
        assertSame(Reason.NON_ZERO_EXIT_CODE, strategy.getOn());

        RetryStrategy exit = RetryStrategy.of(Action.EXIT, Reason.SPOT_INSTANCE_RECLAIMED);
        assertEquals(Action.EXIT, exit.getAction());
        assertSame(Reason.SPOT_INSTANCE_RECLAIMED, exit.getOn());
    }

    @Test
    void reasonPresetsAreDistinctObjects() {
        assertNotNull(Reason.CANNOT_PULL_CONTAINER);
        assertTrue(Reason.NON_ZERO_EXIT_CODE != Reason.CANNOT_PULL_CONTAINER);
        assertTrue(Reason.CANNOT_PULL_CONTAINER != Reason.SPOT_INSTANCE_RECLAIMED);
    }

    @Test
    void importsByArnParseTheNameFromTheArn() {
        Stack stack = newStack();
        IJobQueue queue = JobQueue.fromJobQueueArn(stack, "ImportedQueue",
                "arn:aws:batch:us-east-1:123456789012:job-queue/my-queue");
        assertEquals("my-queue", queue.getJobQueueName());
        assertEquals("arn:aws:batch:us-east-1:123456789012:job-queue/my-queue", queue.getJobQueueArn());

        IFairshareSchedulingPolicy policy = FairshareSchedulingPolicy.fromFairshareSchedulingPolicyArn(stack,
                "ImportedPolicy", "arn:aws:batch:us-east-1:123456789012:scheduling-policy/my-policy");
        assertEquals("my-policy", policy.getSchedulingPolicyName());
    }

    @Test
    void addMethodsAfterConstructionReachTheTemplate() {
        Stack stack = newStack();
        FairshareSchedulingPolicy policy = FairshareSchedulingPolicy.Builder.create(stack, "Policy").build();
        policy.addShare(Share.builder().shareIdentifier("a").weightFactor(1).build());
        policy.addShare(Share.builder().shareIdentifier("b*").weightFactor(0.25).build());

        JobQueue queue = JobQueue.Builder.create(stack, "Queue").schedulingPolicy(policy).build();
        queue.addComputeEnvironment(new ExistingComputeEnvironment(stack, "First", "first"), 2);
        queue.addComputeEnvironment(new ExistingComputeEnvironment(stack, "Second", "second"), 1);

        assertEquals(2, policy.getShares().size());
        assertEquals(2, queue.getComputeEnvironments().size());
        OrderedComputeEnvironment first = queue.getComputeEnvironments().get(0);
        assertEquals(2, first.getOrder().intValue());
        assertEquals("first", first.getComputeEnvironment().getComputeEnvironmentName());

        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Batch::SchedulingPolicy", Map.of(
                "FairsharePolicy", Map.of("ShareDistribution", List.of(
                        Map.of("ShareIdentifier", "a", "WeightFactor", 1),
                        Map.of("ShareIdentifier", "b*", "WeightFactor", 0.25)))));
        template.hasResourceProperties("AWS::Batch::JobQueue", Map.of(
                "ComputeEnvironmentOrder", Match.arrayWith(List.of(
                        Map.of("Order", 2, "ComputeEnvironment", Match.anyValue()),
                        Map.of("Order", 1, "ComputeEnvironment", Match.anyValue())))));
    }

    @Test
    void arraysReturnedByTheLibraryAreCopies() {
        Stack stack = newStack();
        JobQueue queue = JobQueue.Builder.create(stack, "Queue").build();
        queue.addComputeEnvironment(new ExistingComputeEnvironment(stack, "First", "first"), 1);
        List<OrderedComputeEnvironment> seen = queue.getComputeEnvironments();
        try {
            seen.clear();
        } catch (UnsupportedOperationException e) {
            // a read-only view is as good as a copy
        }
        assertEquals(1, queue.getComputeEnvironments().size());
    }

    @Test
    void reasonCustomTakesAStruct() {
        Reason reason = Reason.custom(CustomReason.builder().onExitCode("1*").onReason("Oops*").build());
        assertEquals("1*", reason.getOnExitCode());
        assertEquals("Oops*", reason.getOnReason());
        assertEquals(null, reason.getOnStatusReason());
    }

    @Test
    void efsVolumeSecretUlimitAndRetryStrategiesRenderInTheJobDefinition() {
        Stack stack = newStack();
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(1).natGateways(0).build();
        FileSystem fileSystem = FileSystem.Builder.create(stack, "FileSystem").vpc(vpc).build();
        software.amazon.awscdk.services.secretsmanager.Secret secret =
                new software.amazon.awscdk.services.secretsmanager.Secret(stack, "Secret");
        EcsEc2ContainerDefinition container = EcsEc2ContainerDefinition.Builder.create(stack, "Container")
                .image(ContainerImage.fromRegistry("public.ecr.aws/amazonlinux/amazonlinux:2023"))
                .cpu(1)
                .memory(Size.mebibytes(2048))
                .volumes(List.of(EcsVolume.efs(EfsVolumeOptions.builder()
                        .name("data").containerPath("/data").fileSystem(fileSystem).build())))
                .secrets(Map.of("PASSWORD", Secret.fromSecretsManager(secret, "password")))
                .build();
        container.addUlimit(Ulimit.builder().name(UlimitName.NOFILE).hardLimit(4096).softLimit(1024).build());
        EcsJobDefinition job = EcsJobDefinition.Builder.create(stack, "JobDefinition")
                .container(container)
                .retryAttempts(3)
                .retryStrategies(List.of(RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER)))
                .build();
        job.addRetryStrategy(RetryStrategy.of(Action.RETRY,
                Reason.custom(CustomReason.builder().onExitCode("137").onReason("OutOfMemory*").build())));

        assertEquals(2, job.getRetryStrategies().size());
        assertTrue(EfsVolume.isEfsVolume(container.getVolumes().get(0)));
        assertEquals(UlimitName.NOFILE, container.getUlimits().get(0).getName());
        Template.fromStack(stack).hasResourceProperties("AWS::Batch::JobDefinition", Map.of(
                "RetryStrategy", Map.of(
                        "Attempts", 3,
                        "EvaluateOnExit", List.of(
                                Map.of("Action", "EXIT", "OnReason", "CannotPullContainerError:*"),
                                Map.of("Action", "RETRY", "OnExitCode", "137", "OnReason", "OutOfMemory*"))),
                "ContainerProperties", Map.of(
                        "Volumes", List.of(Map.of("Name", "data", "EfsVolumeConfiguration",
                                Map.of("FileSystemId", stack.resolve(fileSystem.getFileSystemId())))),
                        "MountPoints", List.of(Map.of("ContainerPath", "/data", "SourceVolume", "data")),
                        "Secrets", List.of(Map.of("Name", "PASSWORD", "ValueFrom", Map.of("Fn::Join", List.of("",
                                List.of(stack.resolve(secret.getSecretArn()), ":password::"))))),
                        "Ulimits", List.of(Map.of("Name", "nofile", "HardLimit", 4096, "SoftLimit", 1024)))));
    }

    @Test
    void jobDefinitionsAndComputeEnvironmentsImportByArn() {
        Stack stack = newStack();
        IJobDefinition job = EcsJobDefinition.fromJobDefinitionArn(stack, "Job",
                "arn:aws:batch:us-east-1:123456789012:job-definition/my-job:3");
        assertEquals("my-job", job.getJobDefinitionName());
        IComputeEnvironment environment = ManagedEc2EcsComputeEnvironment.fromManagedEc2EcsComputeEnvironmentArn(stack,
                "Environment", "arn:aws:batch:us-east-1:123456789012:compute-environment/my-ce");
        assertEquals("my-ce", environment.getComputeEnvironmentName());
        IComputeEnvironment fargate = FargateComputeEnvironment.fromFargateComputeEnvironmentArn(stack,
                "Fargate", "arn:aws:batch:us-east-1:123456789012:compute-environment/my-fargate");
        assertEquals("my-fargate", fargate.getComputeEnvironmentName());
    }

    @Test
    void validationErrorsReachJavaWithTheirMessage() {
        Stack stack = newStack();
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> JobQueue.Builder.create(stack, "Queue").priority(1001).build());
        assertTrue(error.getMessage().contains("JobQueue 'Test/Queue': priority must be a whole number between 0 and 1000, got 1001"),
                error.getMessage());
    }
}
