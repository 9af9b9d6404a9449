package example.batch;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.batch.alpha.FairshareSchedulingPolicy;
import software.amazon.awscdk.services.batch.alpha.JobQueue;
import software.amazon.awscdk.services.batch.alpha.Share;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * A line-by-line port of example/stack.ts: same construct ids, same props, same calls.
 *
 * Keep it in step with the TypeScript: the binding tests compare the two synthesized templates.
 */
public class BatchExampleStack extends Stack {
    public BatchExampleStack(final Construct scope, final String id) {
        this(scope, id, null);
    }

    public BatchExampleStack(final Construct scope, final String id, final StackProps props) {
        super(scope, id, props);

        Vpc.Builder.create(this, "Vpc").maxAzs(2).natGateways(1).build();
        ExistingComputeEnvironment existing = new ExistingComputeEnvironment(this, "Existing", "existing-ce");

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
        queue.addComputeEnvironment(existing, 1);
    }
}
