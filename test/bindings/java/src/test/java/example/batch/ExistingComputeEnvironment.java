package example.batch;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Resource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.batch.alpha.IComputeEnvironment;
import software.constructs.Construct;

/** A compute environment implemented in Java: the library reads its properties through jsii. */
public class ExistingComputeEnvironment extends Resource implements IComputeEnvironment {
    private final String computeEnvironmentName;
    private final String computeEnvironmentArn;

    public ExistingComputeEnvironment(final Construct scope, final String id, final String name) {
        super(scope, id);
        this.computeEnvironmentName = name;
        this.computeEnvironmentArn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("batch")
                .resource("compute-environment")
                .resourceName(name)
                .build());
    }

    @Override
    public String getComputeEnvironmentArn() {
        return computeEnvironmentArn;
    }

    @Override
    public String getComputeEnvironmentName() {
        return computeEnvironmentName;
    }

    @Override
    public Boolean getEnabled() {
        return true;
    }
}
