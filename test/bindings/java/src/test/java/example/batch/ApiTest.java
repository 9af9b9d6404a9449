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
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.batch.alpha.Action;
import software.amazon.awscdk.services.batch.alpha.FairshareSchedulingPolicy;
import software.amazon.awscdk.services.batch.alpha.IFairshareSchedulingPolicy;
import software.amazon.awscdk.services.batch.alpha.IJobQueue;
import software.amazon.awscdk.services.batch.alpha.JobQueue;
import software.amazon.awscdk.services.batch.alpha.OrderedComputeEnvironment;
import software.amazon.awscdk.services.batch.alpha.Reason;
import software.amazon.awscdk.services.batch.alpha.RetryStrategy;
import software.amazon.awscdk.services.batch.alpha.Share;

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
    void validationErrorsReachJavaWithTheirMessage() {
        Stack stack = newStack();
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> JobQueue.Builder.create(stack, "Queue").priority(1001).build());
        assertTrue(error.getMessage().contains("JobQueue 'Test/Queue': priority must be a whole number between 0 and 1000, got 1001"),
                error.getMessage());
    }
}
