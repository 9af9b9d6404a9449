"""The parts of the API that are easy to get wrong across languages: static presets, factories, enums,
add_*() after construction, imports by ARN, errors raised in the library."""
import os
import unittest

import aws_cdk as cdk
import jsii
from aws_cdk import assertions
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

import aws_cdk.aws_batch_alpha as batch


@jsii.implements(batch.IComputeEnvironment)
class ExistingComputeEnvironment(cdk.Resource):
    """A compute environment implemented in Python: the library reads its properties through jsii."""

    def __init__(self, scope: Construct, id: str, name: str) -> None:
        super().__init__(scope, id)
        self._name = name
        self._arn = cdk.Stack.of(self).format_arn(
            service="batch", resource="compute-environment", resource_name=name
        )

    @property
    def compute_environment_arn(self) -> str:
        return self._arn

    @property
    def compute_environment_name(self) -> str:
        return self._name

    @property
    def enabled(self) -> bool:
        return True


def new_stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "Test")


class PublicTypes(unittest.TestCase):
    def test_every_public_type_of_the_assembly_is_a_python_type(self):
        path = os.environ.get("BATCH_TYPES_FILE")
        self.assertIsNotNone(path, "BATCH_TYPES_FILE must name the list written by test/bindings/list-types.js")
        with open(path) as f:
            lines = [line.split() for line in f if line.strip()]
        self.assertGreater(len(lines), 10)
        problems = []
        for parts in lines:
            kind, name = parts[0], parts[1]
            python_type = getattr(batch, name, None)
            if python_type is None:
                problems.append(f"{kind} {name} is not in aws_cdk.aws_batch_alpha")
                continue
            if kind == "enum":
                for member in parts[2].split(","):
                    if not hasattr(python_type, member):
                        problems.append(f"enum {name} has no member {member}")
        self.assertEqual([], problems)


class RetryStrategies(unittest.TestCase):
    def test_retry_strategy_of_keeps_its_action_and_the_reason_it_was_given(self):
        # A static preset comes back from the library as a new Python proxy on every access (the JavaScript
        # object is the same one): compare reasons by their patterns, never with `is`.
        strategy = batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.NON_ZERO_EXIT_CODE)
        self.assertEqual(batch.Action.RETRY, strategy.action)
        self.assertEqual("*", strategy.on.on_exit_code)

        exit_strategy = batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.SPOT_INSTANCE_RECLAIMED)
        self.assertEqual(batch.Action.EXIT, exit_strategy.action)
        self.assertEqual("Host EC2*", exit_strategy.on.on_status_reason)
        self.assertEqual("CannotPullContainerError:*", batch.Reason.CANNOT_PULL_CONTAINER.on_reason)

    def test_reason_custom_takes_keyword_arguments(self):
        reason = batch.Reason.custom(on_exit_code="1*", on_reason="Oops*")
        self.assertIsInstance(reason, batch.Reason)
        self.assertEqual(("1*", "Oops*", None), (reason.on_exit_code, reason.on_reason, reason.on_status_reason))

    def test_enums_are_python_enums_with_the_typescript_values(self):
        self.assertEqual(["EXIT", "RETRY"], sorted(member.name for member in batch.Action))
        self.assertEqual("RETRY", batch.Action.RETRY.value)


class Imports(unittest.TestCase):
    def test_imports_by_arn_parse_the_name_from_the_arn(self):
        stack = new_stack()
        queue = batch.JobQueue.from_job_queue_arn(
            stack, "ImportedQueue", "arn:aws:batch:us-east-1:123456789012:job-queue/my-queue"
        )
        self.assertEqual("my-queue", queue.job_queue_name)
        self.assertEqual("arn:aws:batch:us-east-1:123456789012:job-queue/my-queue", queue.job_queue_arn)

        policy = batch.FairshareSchedulingPolicy.from_fairshare_scheduling_policy_arn(
            stack, "ImportedPolicy", "arn:aws:batch:us-east-1:123456789012:scheduling-policy/my-policy"
        )
        self.assertEqual("my-policy", policy.scheduling_policy_name)


class AddMethods(unittest.TestCase):
    def test_add_methods_after_construction_reach_the_template(self):
        stack = new_stack()
        policy = batch.FairshareSchedulingPolicy(stack, "Policy")
        policy.add_share(share_identifier="a", weight_factor=1)
        policy.add_share(share_identifier="b*", weight_factor=0.25)

        queue = batch.JobQueue(stack, "Queue", scheduling_policy=policy)
        queue.add_compute_environment(ExistingComputeEnvironment(stack, "First", "first"), 2)
        queue.add_compute_environment(ExistingComputeEnvironment(stack, "Second", "second"), 1)

        self.assertEqual(2, len(policy.shares))
        self.assertEqual(2, len(queue.compute_environments))
        first = queue.compute_environments[0]
        self.assertEqual(2, first.order)
        self.assertEqual("first", first.compute_environment.compute_environment_name)

        template = assertions.Template.from_stack(stack)
        template.has_resource_properties("AWS::Batch::SchedulingPolicy", {
            "FairsharePolicy": {"ShareDistribution": [
                {"ShareIdentifier": "a", "WeightFactor": 1},
                {"ShareIdentifier": "b*", "WeightFactor": 0.25},
            ]},
        })
        template.has_resource_properties("AWS::Batch::JobQueue", {
            "ComputeEnvironmentOrder": assertions.Match.array_with([
                {"Order": 2, "ComputeEnvironment": assertions.Match.any_value()},
                {"Order": 1, "ComputeEnvironment": assertions.Match.any_value()},
            ]),
        })

    def test_arrays_returned_by_the_library_are_copies(self):
        stack = new_stack()
        queue = batch.JobQueue(stack, "Queue")
        queue.add_compute_environment(ExistingComputeEnvironment(stack, "First", "first"), 1)
        queue.compute_environments.clear()
        self.assertEqual(1, len(queue.compute_environments))


class JobDefinitions(unittest.TestCase):
    def test_efs_volume_secret_ulimit_and_retry_strategies_render_in_the_job_definition(self):
        stack = new_stack()
        vpc = ec2.Vpc(stack, "Vpc", max_azs=1, nat_gateways=0)
        file_system = efs.FileSystem(stack, "FileSystem", vpc=vpc)
        secret = secretsmanager.Secret(stack, "Secret")
        container = batch.EcsEc2ContainerDefinition(
            stack,
            "Container",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:2023"),
            cpu=1,
            memory=cdk.Size.mebibytes(2048),
            volumes=[batch.EcsVolume.efs(name="data", container_path="/data", file_system=file_system)],
            secrets={"PASSWORD": batch.Secret.from_secrets_manager(secret, "password")},
        )
        container.add_ulimit(name=batch.UlimitName.NOFILE, hard_limit=4096, soft_limit=1024)
        job = batch.EcsJobDefinition(
            stack,
            "JobDefinition",
            container=container,
            retry_attempts=3,
            retry_strategies=[batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.CANNOT_PULL_CONTAINER)],
        )
        job.add_retry_strategy(
            batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.custom(on_exit_code="137", on_reason="OutOfMemory*"))
        )

        self.assertEqual(2, len(job.retry_strategies))
        self.assertTrue(batch.EfsVolume.is_efs_volume(container.volumes[0]))
        self.assertEqual(batch.UlimitName.NOFILE, container.ulimits[0].name)
        assertions.Template.from_stack(stack).has_resource_properties("AWS::Batch::JobDefinition", {
            "RetryStrategy": {
                "Attempts": 3,
                "EvaluateOnExit": [
                    {"Action": "EXIT", "OnReason": "CannotPullContainerError:*"},
                    {"Action": "RETRY", "OnExitCode": "137", "OnReason": "OutOfMemory*"},
                ],
            },
            "ContainerProperties": {
                "Volumes": [
                    {"Name": "data", "EfsVolumeConfiguration": {"FileSystemId": stack.resolve(file_system.file_system_id)}},
                ],
                "MountPoints": [{"ContainerPath": "/data", "SourceVolume": "data"}],
                "Secrets": [
                    {"Name": "PASSWORD", "ValueFrom": {"Fn::Join": ["", [stack.resolve(secret.secret_arn), ":password::"]]}},
                ],
                "Ulimits": [{"Name": "nofile", "HardLimit": 4096, "SoftLimit": 1024}],
            },
        })

    def test_job_definitions_and_compute_environments_import_by_arn(self):
        stack = new_stack()
        job = batch.EcsJobDefinition.from_job_definition_arn(
            stack, "Job", "arn:aws:batch:us-east-1:123456789012:job-definition/my-job:3"
        )
        self.assertEqual("my-job", job.job_definition_name)
        environment = batch.ManagedEc2EcsComputeEnvironment.from_managed_ec2_ecs_compute_environment_arn(
            stack, "Environment", "arn:aws:batch:us-east-1:123456789012:compute-environment/my-ce"
        )
        self.assertEqual("my-ce", environment.compute_environment_name)
        fargate = batch.FargateComputeEnvironment.from_fargate_compute_environment_arn(
            stack, "Fargate", "arn:aws:batch:us-east-1:123456789012:compute-environment/my-fargate"
        )
        self.assertEqual("my-fargate", fargate.compute_environment_name)


class Errors(unittest.TestCase):
    def test_validation_errors_reach_python_with_their_message(self):
        stack = new_stack()
        with self.assertRaises(RuntimeError) as caught:
            batch.JobQueue(stack, "Queue", priority=1001)
        self.assertIn(
            "JobQueue 'Test/Queue': priority must be a whole number between 0 and 1000, got 1001",
            str(caught.exception),
        )


if __name__ == "__main__":
    unittest.main()
