using Amazon.CDK;

namespace BatchExample
{
    /// <summary>
    /// The example app in C#: the same stack as example/app.ts, and the stack of newer features of
    /// test/bindings/dotnet/newer-features.ts.
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            var app = new App();
            new BatchExampleStack(app, "BatchExample");
            new NewerFeaturesStack(app, "BatchNewerFeatures");
            app.Synth();
        }
    }
}
