"""A line-by-line port of example/stack.ts: same construct ids, same props, same calls, same order.

Keep it in step with the TypeScript: the binding tests compare the two synthesized templates.
Porting: camelCase names become snake_case (`maxvCpus` -> `maxv_cpus`), props become keyword arguments,
a props struct passed last to a method or factory is spread into keyword arguments, `true` is `True`.
"""
import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_eks as eks
from constructs import Construct

import aws_cdk.aws_batch_alpha as batch


class BatchExampleStack(cdk.Stack):
    """Everything the library offers, in one stack."""

    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)

        vpc = ec2.Vpc(self, "Vpc", max_azs=2, nat_gateways=1)

        # Compute environments: one of each kind.
        ec2_environment = batch.ManagedEc2EcsComputeEnvironment(
            self,
            "Ec2ComputeEnvironment",
            vpc=vpc,
            spot=True,
            spot_bid_percentage=80,
            maxv_cpus=64,
            instance_classes=[ec2.InstanceClass.M5],
        )
        ec2_environment.add_instance_type(ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE))
        cdk.Tags.of(ec2_environment).add("workload", "example")

        batch.ManagedEc2EksComputeEnvironment(
            self,
            "EksComputeEnvironment",
            vpc=vpc,
            eks_cluster=eks.Cluster.from_cluster_attributes(self, "Cluster", cluster_name="batch-cluster"),
            kubernetes_namespace="batch",
        )

        batch.FargateComputeEnvironment(self, "FargateComputeEnvironment", vpc=vpc, spot=True, maxv_cpus=32)

        batch.UnmanagedComputeEnvironment(self, "UnmanagedComputeEnvironment", unmanagedv_cpus=16)

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
        queue.add_compute_environment(ec2_environment, 1)

        # An EKS job: an image from ECR, and one volume of each kind.
        repository = ecr.Repository.from_repository_name(self, "Repository", "batch-jobs")
        eks_container = batch.EksContainerDefinition(
            self,
            "EksContainer",
            image=ecs.ContainerImage.from_ecr_repository(repository, "v1"),
            command=["python", "/app/main.py"],
            args=["--input", "Ref::input"],
            env={"STAGE": "example"},
            cpu_reservation=1,
            cpu_limit=2,
            memory_limit=cdk.Size.gibibytes(2),
            run_as_user=1000,
            volumes=[
                batch.EksVolume.empty_dir(name="scratch", mount_path="/scratch", size_limit=cdk.Size.gibibytes(1)),
                batch.EksVolume.host_path(name="host-logs", host_path="/var/log", mount_path="/host/logs", readonly=True),
            ],
        )
        eks_container.add_volume(
            batch.EksVolume.secret(name="credentials", secret_name="batch-credentials", mount_path="/secrets")
        )
        batch.EksJobDefinition(
            self,
            "EksJobDefinition",
            container=eks_container,
            service_account="batch-jobs",
            parameters={"input": "s3://example-bucket/input"},
            retry_attempts=2,
            timeout=cdk.Duration.hours(1),
        )
