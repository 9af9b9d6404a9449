using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.Batch.Alpha;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.JSII.Runtime.Deputy;
using Xunit;
using BatchAction = Amazon.CDK.AWS.Batch.Alpha.Action;
using BatchSecret = Amazon.CDK.AWS.Batch.Alpha.Secret;
using Ecs = Amazon.CDK.AWS.ECS;
using Efs = Amazon.CDK.AWS.EFS;
using SecretsManager = Amazon.CDK.AWS.SecretsManager;

namespace BatchExample.Tests
{
    /// <summary>
    /// The parts of the API that are easy to get wrong across languages: the assembly's types, enums, object
    /// initializers, static factories, Add*() after construction, imports by ARN, copies of arrays, grants and the
    /// library's errors.
    /// </summary>
    public class ApiTests
    {
        private const string Namespace = "Amazon.CDK.AWS.Batch.Alpha.";

        private static Stack NewStack() => new Stack(new App(), "Test");

        private static IComputeEnvironment ImportedEnvironment(Stack stack, string name) =>
            FargateComputeEnvironment.FromFargateComputeEnvironmentArn(stack, name,
                $"arn:aws:batch:us-east-1:123456789012:compute-environment/{name}");

        /// <summary>Every public type of the assembly, from the list run.sh writes: <c>kind name [member,member...]</c>.</summary>
        [Fact]
        public void EveryPublicTypeOfTheAssemblyIsACSharpType()
        {
            var file = System.Environment.GetEnvironmentVariable("BATCH_TYPES_FILE");
            Assert.False(string.IsNullOrEmpty(file), "BATCH_TYPES_FILE must name the type list written by test/bindings/list-types.js");
            var lines = File.ReadAllLines(file!).Where((line) => line.Length > 0).ToList();
            Assert.True(lines.Count > 10, $"expected the assembly's types, got {lines.Count} lines");
            var assembly = typeof(JobQueue).Assembly;
            var problems = new List<string>();
            foreach (var line in lines)
            {
                var parts = line.Split(' ');
                var (kind, name) = (parts[0], parts[1]);
                // jsii gives a struct an interface IName and a class Name that implements it, and an interface keeps its name.
                var type = assembly.GetType(Namespace + name);
                if (type == null)
                {
                    problems.Add($"{kind} {name} has no C# type");
                    continue;
                }
                switch (kind)
                {
                    case "enum":
                        if (!type.IsEnum)
                        {
                            problems.Add($"enum {name} is not a C# enum");
                            break;
                        }
                        foreach (var member in parts[2].Split(','))
                        {
                            var field = type.GetField(member, BindingFlags.Public | BindingFlags.Static);
                            var jsiiName = field?.GetCustomAttribute<JsiiEnumMemberAttribute>()?.Name;
                            if (jsiiName != member)
                            {
                                problems.Add($"enum {name} has no member {member} carrying the TypeScript value (got {jsiiName ?? "none"})");
                            }
                        }
                        break;
                    case "interface":
                        if (!type.IsInterface) problems.Add($"interface {name} is not a C# interface");
                        break;
                    case "struct":
                        if (type.IsInterface || assembly.GetType(Namespace + "I" + name) is not { IsInterface: true })
                        {
                            problems.Add($"struct {name} is not a C# class with an interface I{name}");
                        }
                        break;
                    default:
                        if (!type.IsClass) problems.Add($"class {name} is not a C# class");
                        break;
                }
            }
            Assert.Equal(new List<string>(), problems);
        }

        [Fact]
        public void EnumsAreCSharpEnumsWithTheTypeScriptValues()
        {
            Assert.Equal(new[] { "EXIT", "RETRY" }, Enum.GetNames(typeof(BatchAction)).OrderBy((n) => n));
            var retry = typeof(BatchAction).GetField(nameof(BatchAction.RETRY))!.GetCustomAttribute<JsiiEnumMemberAttribute>();
            Assert.Equal("RETRY", retry!.Name);
        }

        [Fact]
        public void PropsAreSetThroughObjectInitializers()
        {
            var stack = NewStack();
            var queue = new JobQueue(stack, "Queue", new JobQueueProps
            {
                Priority = 7,
                JobQueueName = "initialized",
                Enabled = false,
                ComputeEnvironments = new IOrderedComputeEnvironment[]
                {
                    new OrderedComputeEnvironment { ComputeEnvironment = ImportedEnvironment(stack, "only"), Order = 1 },
                },
            });
            Assert.Equal(7, queue.Priority);
            Template.FromStack(stack).HasResourceProperties("AWS::Batch::JobQueue", new Dictionary<string, object>
            {
                ["Priority"] = 7,
                ["JobQueueName"] = "initialized",
                ["State"] = "DISABLED",
            });
        }

        [Fact]
        public void StaticFactoriesBuildTheirObjects()
        {
            var strategy = RetryStrategy.Of(BatchAction.RETRY, Reason.NON_ZERO_EXIT_CODE);
            Assert.Equal(BatchAction.RETRY, strategy.Action);
            Assert.Same(Reason.NON_ZERO_EXIT_CODE, strategy.On);
            Assert.NotSame(Reason.CANNOT_PULL_CONTAINER, Reason.SPOT_INSTANCE_RECLAIMED);

            var reason = Reason.Custom(new CustomReason { OnExitCode = "1*", OnReason = "Oops*" });
            Assert.Equal("1*", reason.OnExitCode);
            Assert.Equal("Oops*", reason.OnReason);
            Assert.Null(reason.OnStatusReason);

            var limit = CapacityLimit.OfInstanceType("ml.m5.large", 8);
            Assert.Equal("ml.m5.large", limit.CapacityUnit);
            Assert.Equal(8, limit.MaxCapacity);
            Assert.True(CapacityLimit.IsCapacityLimit(limit));

            var stack = NewStack();
            var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 1, NatGateways = 0 });
            var fileSystem = new Efs.FileSystem(stack, "FileSystem", new Efs.FileSystemProps { Vpc = vpc });
            var volume = EcsVolume.Efs(new EfsVolumeOptions { Name = "data", ContainerPath = "/data", FileSystem = fileSystem, Readonly = true });
            Assert.True(EfsVolume.IsEfsVolume(volume));
            Assert.Equal("data", volume.Name);
            Assert.Equal("/data", volume.ContainerPath);
            Assert.Same(fileSystem, volume.FileSystem);
        }

        [Fact]
        public void AddMethodsAfterConstructionReachTheTemplate()
        {
            var stack = NewStack();
            var policy = new FairshareSchedulingPolicy(stack, "Policy");
            policy.AddShare(new Share { ShareIdentifier = "a", WeightFactor = 1 });
            policy.AddShare(new Share { ShareIdentifier = "b*", WeightFactor = 0.25 });
            var queue = new JobQueue(stack, "Queue", new JobQueueProps { SchedulingPolicy = policy });
            queue.AddComputeEnvironment(ImportedEnvironment(stack, "first"), 2);
            queue.AddComputeEnvironment(ImportedEnvironment(stack, "second"), 1);

            Assert.Equal(2, policy.Shares.Length);
            Assert.Equal(2, queue.ComputeEnvironments.Length);
            Assert.Equal(2, queue.ComputeEnvironments[0].Order);
            Assert.Equal("first", queue.ComputeEnvironments[0].ComputeEnvironment.ComputeEnvironmentName);

            var template = Template.FromStack(stack);
            template.HasResourceProperties("AWS::Batch::SchedulingPolicy", new Dictionary<string, object>
            {
                ["FairsharePolicy"] = new Dictionary<string, object>
                {
                    ["ShareDistribution"] = new object[]
                    {
                        new Dictionary<string, object> { ["ShareIdentifier"] = "a", ["WeightFactor"] = 1 },
                        new Dictionary<string, object> { ["ShareIdentifier"] = "b*", ["WeightFactor"] = 0.25 },
                    },
                },
            });
            template.HasResourceProperties("AWS::Batch::JobQueue", new Dictionary<string, object>
            {
                ["ComputeEnvironmentOrder"] = new object[]
                {
                    new Dictionary<string, object> { ["Order"] = 2, ["ComputeEnvironment"] = "arn:aws:batch:us-east-1:123456789012:compute-environment/first" },
                    new Dictionary<string, object> { ["Order"] = 1, ["ComputeEnvironment"] = "arn:aws:batch:us-east-1:123456789012:compute-environment/second" },
                },
            });
        }

        [Fact]
        public void ImportsByArnParseTheNameFromTheArn()
        {
            var stack = NewStack();
            var queue = JobQueue.FromJobQueueArn(stack, "ImportedQueue", "arn:aws:batch:us-east-1:123456789012:job-queue/my-queue");
            Assert.Equal("my-queue", queue.JobQueueName);
            Assert.Equal("arn:aws:batch:us-east-1:123456789012:job-queue/my-queue", queue.JobQueueArn);

            var policy = FairshareSchedulingPolicy.FromFairshareSchedulingPolicyArn(stack, "ImportedPolicy",
                "arn:aws:batch:us-east-1:123456789012:scheduling-policy/my-policy");
            Assert.Equal("my-policy", policy.SchedulingPolicyName);

            var job = EcsJobDefinition.FromJobDefinitionArn(stack, "Job", "arn:aws:batch:us-east-1:123456789012:job-definition/my-job:3");
            Assert.Equal("my-job", job.JobDefinitionName);

            var environment = ManagedEc2EcsComputeEnvironment.FromManagedEc2EcsComputeEnvironmentArn(stack, "Environment",
                "arn:aws:batch:us-east-1:123456789012:compute-environment/my-ce");
            Assert.Equal("my-ce", environment.ComputeEnvironmentName);
        }

        [Fact]
        public void ArraysReturnedByTheLibraryAreCopies()
        {
            var stack = NewStack();
            var queue = new JobQueue(stack, "Queue");
            queue.AddComputeEnvironment(ImportedEnvironment(stack, "first"), 1);
            var seen = queue.ComputeEnvironments;
            Array.Clear(seen);
            Assert.Single(queue.ComputeEnvironments);
            Assert.NotNull(queue.ComputeEnvironments[0]);
            Assert.Equal(1, queue.ComputeEnvironments[0].Order);
        }

        [Fact]
        public void EfsVolumeSecretUlimitAndRetryStrategiesRenderInTheJobDefinition()
        {
            var stack = NewStack();
            var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 1, NatGateways = 0 });
            var fileSystem = new Efs.FileSystem(stack, "FileSystem", new Efs.FileSystemProps { Vpc = vpc });
            var secret = new SecretsManager.Secret(stack, "Secret");
            var container = new EcsEc2ContainerDefinition(stack, "Container", new EcsEc2ContainerDefinitionProps
            {
                Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
                Cpu = 1,
                Memory = Size.Mebibytes(2048),
                Volumes = new EcsVolume[] { EcsVolume.Efs(new EfsVolumeOptions { Name = "data", ContainerPath = "/data", FileSystem = fileSystem }) },
                Secrets = new Dictionary<string, BatchSecret> { ["PASSWORD"] = BatchSecret.FromSecretsManager(secret, "password") },
            });
            container.AddUlimit(new Ulimit { Name = UlimitName.NOFILE, HardLimit = 4096, SoftLimit = 1024 });
            var job = new EcsJobDefinition(stack, "JobDefinition", new EcsJobDefinitionProps
            {
                Container = container,
                RetryAttempts = 3,
                RetryStrategies = new[] { RetryStrategy.Of(BatchAction.EXIT, Reason.CANNOT_PULL_CONTAINER) },
            });
            job.AddRetryStrategy(RetryStrategy.Of(BatchAction.RETRY, Reason.Custom(new CustomReason { OnExitCode = "137", OnReason = "OutOfMemory*" })));

            Assert.Equal(2, job.RetryStrategies.Length);
            Assert.True(EfsVolume.IsEfsVolume(container.Volumes[0]));
            Assert.Equal(UlimitName.NOFILE, container.Ulimits[0].Name);
            Template.FromStack(stack).HasResourceProperties("AWS::Batch::JobDefinition", new Dictionary<string, object>
            {
                ["RetryStrategy"] = new Dictionary<string, object>
                {
                    ["Attempts"] = 3,
                    ["EvaluateOnExit"] = new object[]
                    {
                        new Dictionary<string, object> { ["Action"] = "EXIT", ["OnReason"] = "CannotPullContainerError:*" },
                        new Dictionary<string, object> { ["Action"] = "RETRY", ["OnExitCode"] = "137", ["OnReason"] = "OutOfMemory*" },
                    },
                },
                ["ContainerProperties"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Volumes"] = new object[]
                    {
                        new Dictionary<string, object>
                        {
                            ["Name"] = "data",
                            ["EfsVolumeConfiguration"] = new Dictionary<string, object> { ["FileSystemId"] = stack.Resolve(fileSystem.FileSystemId) },
                        },
                    },
                    ["MountPoints"] = new object[] { new Dictionary<string, object> { ["ContainerPath"] = "/data", ["SourceVolume"] = "data" } },
                    ["Secrets"] = new object[]
                    {
                        new Dictionary<string, object>
                        {
                            ["Name"] = "PASSWORD",
                            ["ValueFrom"] = new Dictionary<string, object>
                            {
                                ["Fn::Join"] = new object[] { "", new object[] { stack.Resolve(secret.SecretArn), ":password::" } },
                            },
                        },
                    },
                    ["Ulimits"] = new object[] { new Dictionary<string, object> { ["Name"] = "nofile", ["HardLimit"] = 4096, ["SoftLimit"] = 1024 } },
                }),
            });
        }

        [Fact]
        public void GrantsProduceTheIamStatements()
        {
            var stack = NewStack();
            var role = new Role(stack, "Submitter", new RoleProps { AssumedBy = new AccountRootPrincipal() });
            var queue = JobQueue.FromJobQueueArn(stack, "Queue", "arn:aws:batch:us-east-1:123456789012:job-queue/my-queue");
            var job = new EcsJobDefinition(stack, "Job", new EcsJobDefinitionProps
            {
                Container = new EcsFargateContainerDefinition(stack, "Container", new EcsFargateContainerDefinitionProps
                {
                    Image = Ecs.ContainerImage.FromRegistry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
                    Cpu = 1,
                    Memory = Size.Gibibytes(2),
                }),
            });
            job.GrantSubmitJob(role, queue);
            Template.FromStack(stack).HasResourceProperties("AWS::IAM::Policy", new Dictionary<string, object>
            {
                ["PolicyDocument"] = new Dictionary<string, object>
                {
                    ["Statement"] = Match.ArrayWith(new object[]
                    {
                        new Dictionary<string, object>
                        {
                            ["Action"] = "batch:SubmitJob",
                            ["Effect"] = "Allow",
                            ["Resource"] = new object[]
                            {
                                stack.Resolve(job.JobDefinitionArn),
                                "arn:aws:batch:us-east-1:123456789012:job-queue/my-queue",
                            },
                        },
                    }),
                },
                ["Roles"] = new object[] { stack.Resolve(role.RoleName) },
            });
        }

        [Fact]
        public void ValidationErrorsReachCSharpWithTheirMessage()
        {
            var stack = NewStack();
            var error = Assert.ThrowsAny<Exception>(() => new JobQueue(stack, "Queue", new JobQueueProps { Priority = 1001 }));
            Assert.Contains("JobQueue 'Test/Queue': priority must be a whole number between 0 and 1000, got 1001", error.Message);
            // the jsii runtime survives the error: the next call works
            Assert.Equal(5, new JobQueue(stack, "Other", new JobQueueProps { Priority = 5 }).Priority);
        }

        [Fact]
        public void ErrorsFoundAtSynthesisReachCSharpWithTheirMessage()
        {
            var stack = NewStack();
            new JobQueue(stack, "Queue");
            var error = Assert.ThrowsAny<Exception>(() => Template.FromStack(stack));
            Assert.Contains("Test/Queue", error.Message);
            Assert.Contains("compute environment", error.Message);
        }
    }
}
