"""A line-by-line port of example/stack.ts: same construct ids, same props, same calls.

Keep it in step with the TypeScript: the binding tests compare the two synthesized templates.
"""
import aws_cdk as cdk
import jsii
from aws_cdk import aws_ec2 as ec2
from constructs import Construct

import aws_cdk.aws_batch_alpha as batch


@jsii.implements(batch.IComputeEnvironment)
class ExistingComputeEnvironment(cdk.Resource):
    """A compute environment created outside this app, known by its ARN."""

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


class BatchExampleStack(cdk.Stack):
    """Everything the library offers, in one stack."""

    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)

        ec2.Vpc(self, "Vpc", max_azs=2, nat_gateways=1)
        existing = ExistingComputeEnvironment(self, "Existing", "existing-ce")

        policy = batch.FairshareSchedulingPolicy(
            self,
            "FairsharePolicy",
            share_decay=cdk.Duration.minutes(10),
            compute_reservation=20,
            shares=[batch.Share(share_identifier="analytics", weight_factor=1)],
        )
        policy.add_share(share_identifier="reports*", weight_factor=0.5)

        queue = batch.JobQueue(
            self,
            "JobQueue",
            priority=10,
            scheduling_policy=policy,
        )
        queue.add_compute_environment(existing, 1)
