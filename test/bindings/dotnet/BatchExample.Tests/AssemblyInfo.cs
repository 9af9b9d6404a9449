using Xunit;

// One jsii runtime serves the whole test process, and it loads the assemblies of the library and of Amazon.CDK.Lib
// on first use: test classes run one after the other, not in parallel, so that two never load them at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
