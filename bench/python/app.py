"""The benchmark app of bench/app.js in Python: shared infrastructure and N units.

`build_with_l2(batch, stack, n)` builds the units with a module that has the L2 API of
`@aws-cdk/aws-batch-alpha` 2.95.1: this library's wheel (`aws_cdk.aws_batch_alpha`) or the
stable `aws_cdk.aws_batch` of aws-cdk-lib. Same construct ids and properties as bench/app.js.
"""
import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
from aws_cdk import aws_eks as eks
from aws_cdk import aws_secretsmanager as secretsmanager

IMAGE = "public.ecr.aws/amazonlinux/amazonlinux:2023"

# The context `cdk synth` gives an app by default; see bench/variants.js.
CLI_CONTEXT = {
    "aws:cdk:enable-path-metadata": True,
    "aws:cdk:enable-asset-metadata": True,
    "aws:cdk:version-reporting": True,
}


def new_app(outdir=None, cli=False):
    """An app as in bench/variants.js: no resource limit, no built-in CloudFormation validation."""
    context = {"@aws-cdk/core:stackResourceLimit": 0}
    if cli:
        context.update(CLI_CONTEXT)
    return cdk.App(outdir=outdir, context=context, builtin_cloud_formation_validation=False)


def shared_infra(stack):
    vpc = ec2.Vpc(stack, "Vpc")
    file_system = efs.FileSystem(stack, "FileSystem", vpc=vpc)
    secret = secretsmanager.Secret(stack, "Secret")
    cluster = eks.Cluster.from_cluster_attributes(stack, "Cluster", cluster_name="bench-cluster")
    return vpc, file_system, secret, cluster


def unit_with_l2(batch, stack, shared, i):
    vpc, file_system, secret, _cluster = shared
    ec2_ce = batch.ManagedEc2EcsComputeEnvironment(stack, f"Ec2Ce{i}", vpc=vpc)
    batch.FargateComputeEnvironment(stack, f"FargateCe{i}", vpc=vpc)
    policy = batch.FairshareSchedulingPolicy(
        stack, f"Policy{i}", shares=[batch.Share(share_identifier="unit", weight_factor=1)]
    )
    batch.JobQueue(
        stack,
        f"Queue{i}",
        compute_environments=[batch.OrderedComputeEnvironment(compute_environment=ec2_ce, order=1)],
        scheduling_policy=policy,
    )

    def container_props():
        return dict(
            image=ecs.ContainerImage.from_registry(IMAGE),
            cpu=1,
            memory=cdk.Size.mebibytes(2048),
            command=["echo", "hello"],
            secrets={"TOKEN": batch.Secret.from_secrets_manager(secret)},
            volumes=[batch.EcsVolume.efs(name="data", container_path="/data", file_system=file_system)],
        )

    batch.EcsJobDefinition(
        stack, f"Ec2Job{i}", container=batch.EcsEc2ContainerDefinition(stack, f"Ec2Container{i}", **container_props())
    )
    batch.EcsJobDefinition(
        stack,
        f"FargateJob{i}",
        container=batch.EcsFargateContainerDefinition(stack, f"FargateContainer{i}", **container_props()),
    )
    batch.EksJobDefinition(
        stack,
        f"EksJob{i}",
        container=batch.EksContainerDefinition(
            stack,
            f"EksContainer{i}",
            image=ecs.ContainerImage.from_registry(IMAGE),
            command=["echo", "hello"],
            cpu_limit=1,
            memory_limit=cdk.Size.mebibytes(1024),
        ),
    )


def build_with_l2(batch, stack, n):
    shared = shared_infra(stack)
    for i in range(n):
        unit_with_l2(batch, stack, shared, i)


def load_variant(variant):
    """The Batch module of a variant: 'ours' (this library's wheel) or 'peer' (aws-cdk-lib)."""
    if variant == "ours":
        from aws_cdk import aws_batch_alpha as batch
    elif variant == "peer":
        from aws_cdk import aws_batch as batch
    else:
        raise ValueError(f"unknown variant {variant!r}: ours or peer")
    return batch
