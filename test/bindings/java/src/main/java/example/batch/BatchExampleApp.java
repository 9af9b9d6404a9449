package example.batch;

import software.amazon.awscdk.App;

/** The example app in Java: the same stack as example/app.ts. */
public final class BatchExampleApp {
    public static void main(final String[] args) {
        App app = new App();
        new BatchExampleStack(app, "BatchExample");
        app.synth();
    }
}
