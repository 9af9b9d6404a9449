"""A line-by-line port of example/stack.ts: same construct ids, same props, same calls, same order.

Keep it in step with the TypeScript: the binding tests compare the two synthesized templates.
Porting: camelCase names become snake_case (`maxvCpus` -> `maxv_cpus`), props become keyword arguments,
a props struct passed last to a method or factory is spread into keyword arguments, `true` is `True`.
"""
import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
from aws_cdk import aws_eks as eks
from aws_cdk import aws_iam as iam
from aws_cdk import aws_secretsmanager as secretsmanager
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

        # An EC2 environment whose launch template changes reach it: pinned to the template's latest
        # version, with a template of its own for GPU instances.
        launch_template = ec2.LaunchTemplate(self, "LaunchTemplate", require_imdsv2=True)
        pinned_environment = batch.ManagedEc2EcsComputeEnvironment(
            self,
            "PinnedComputeEnvironment",
            vpc=vpc,
            maxv_cpus=32,
            instance_classes=[ec2.InstanceClass.C6I, ec2.InstanceClass.G5],
            launch_template=launch_template,
            launch_template_version=batch.LaunchTemplateVersion.latest_version_number_of(launch_template),
            ec2_key_pair="batch-ops",
            min_scale_down_delay=cdk.Duration.minutes(30),
            container_insights=batch.ContainerInsights.ENABLED,
        )
        pinned_environment.add_launch_template_override(
            launch_template=ec2.LaunchTemplate(self, "GpuLaunchTemplate", require_imdsv2=True),
            target_instance_types=[ec2.InstanceType.of(ec2.InstanceClass.G5, ec2.InstanceSize.XLARGE)],
            version=batch.LaunchTemplateVersion.latest(),
        )
        queue.add_compute_environment(pinned_environment, 2)

        # ECS Managed Instances: ECS picks and patches the instances; its queue takes only its kind.
        managed_instances = batch.EcsManagedInstancesComputeEnvironment(
            self,
            "ManagedInstancesComputeEnvironment",
            vpc=vpc,
            maxv_cpus=128,
            allowed_instance_types=[ec2.InstanceType("c6i.*"), ec2.InstanceType("m6i.*")],
            scale_in_after=cdk.Duration.minutes(5),
            propagate_tags=True,
        )
        batch.JobQueue(
            self,
            "ManagedInstancesJobQueue",
            compute_environments=[batch.OrderedComputeEnvironment(compute_environment=managed_instances, order=1)],
        )

        # SageMaker training jobs: a quota-management queue on a service environment, with a quota share.
        training_environment = batch.ServiceEnvironment(
            self,
            "TrainingEnvironment",
            capacity_limits=[batch.CapacityLimit.of_instance_type("ml.m5.large", 8)],
        )
        training_queue = batch.JobQueue(
            self,
            "TrainingJobQueue",
            service_environments=[batch.OrderedServiceEnvironment(service_environment=training_environment, order=1)],
            scheduling_policy=batch.QuotaShareSchedulingPolicy(self, "QuotaSharePolicy"),
        )
        batch.QuotaShare(
            self,
            "ResearchQuotaShare",
            job_queue=training_queue,
            quota_share_name="research",
            capacity_limits=[batch.CapacityLimit.of_instance_type("ml.m5.large", 4)],
            resource_sharing=batch.ResourceSharing.lend_and_borrow(100),
            in_share_preemption=True,
        )

        # An EKS job: an image from ECR, and one volume of each kind.
        repository = ecr.Repository.from_repository_name(self, "Repository", "batch-jobs")
        eks_container = batch.EksContainerDefinition(
            self,
            "EksContainer",
            image=ecs.ContainerImage.from_ecr_repository(repository, "v1"),
            command=["python", "/app/main.py"],
            args=["--verbose"],
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
            retry_attempts=2,
            timeout=cdk.Duration.hours(1),
        )

        # A Kubernetes pod of several containers: an init container fetching input into an emptyDir volume, a main
        # container reading it and writing to a persistent volume claim, a sidecar; images from a private registry.
        fetch_data = batch.EksContainerDefinition(
            self,
            "FetchDataContainer",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/aws-cli/aws-cli:2.15.0"),
            name="fetch-data",
            command=["aws", "s3", "cp", "--recursive", "s3://example-bucket/input/", "/data/"],
            cpu_reservation=0.5,
            memory_limit=cdk.Size.mebibytes(512),
            volumes=[batch.EksVolume.empty_dir(name="data", mount_path="/data")],
        )
        trainer = batch.EksContainerDefinition(
            self,
            "TrainerContainer",
            image=ecs.ContainerImage.from_registry("registry.example.com/ml/trainer:3.1"),
            name="trainer",
            cpu_reservation=2,
            memory_limit=cdk.Size.gibibytes(8),
            allow_privilege_escalation=False,
            volumes=[
                batch.EksVolume.empty_dir(name="data", mount_path="/input", readonly=True),
                batch.EksVolume.persistent_volume_claim(
                    name="results", claim_name="training-results", mount_path="/results", sub_path="runs"
                ),
            ],
        )
        pod_job = batch.EksJobDefinition(
            self,
            "EksPodJobDefinition",
            container=trainer,
            init_containers=[fetch_data],
            image_pull_secrets=["registry-credentials"],
            labels={"app.kubernetes.io/name": "trainer"},
            annotations={"example.com/owner": "ml-team"},
            share_process_namespace=True,
        )
        pod_job.add_container(
            batch.EksContainerDefinition(
                self,
                "MetricsContainer",
                image=ecs.ContainerImage.from_registry("public.ecr.aws/docker/library/busybox:1.36"),
                name="metrics",
                command=["sh", "-c", "tail -F /results/metrics.log"],
                cpu_reservation=0.25,
                memory_limit=cdk.Size.mebibytes(128),
                volumes=[
                    batch.EksVolume.persistent_volume_claim(
                        name="results", claim_name="training-results", mount_path="/results", readonly=True
                    )
                ],
            )
        )

        # A job over several EKS nodes: one pod per node; the workers' range is open-ended, so numNodes can be overridden.
        eks_multi_node_job = batch.MultiNodeEksJobDefinition(
            self,
            "MultiNodeEksJobDefinition",
            instance_type=ec2.InstanceType.of(ec2.InstanceClass.G5, ec2.InstanceSize.XLARGE12),
            num_nodes=4,
            node_ranges=[
                batch.EksNodeRange(
                    start_node=0,
                    end_node=0,
                    container=batch.EksContainerDefinition(
                        self,
                        "EksMainNodeContainer",
                        image=ecs.ContainerImage.from_registry("public.ecr.aws/docker/library/python:3.12"),
                        command=["torchrun", "--node-rank=0"],
                        cpu_reservation=4,
                        memory_limit=cdk.Size.gibibytes(16),
                    ),
                )
            ],
        )
        eks_multi_node_job.add_node_range(
            start_node=1,
            container=batch.EksContainerDefinition(
                self,
                "EksWorkerNodeContainer",
                image=ecs.ContainerImage.from_registry("public.ecr.aws/docker/library/python:3.12"),
                command=["torchrun", "--worker"],
                cpu_reservation=4,
                memory_limit=cdk.Size.gibibytes(16),
            ),
            labels={"role": "worker"},
        )

        # ECS jobs: one on EC2, one on Fargate, one over several nodes, and who may submit them.
        linux_parameters = batch.LinuxParameters(
            self,
            "LinuxParameters",
            init_process_enabled=True,
            shared_memory_size=cdk.Size.mebibytes(256),
        )
        # A variadic parameter (`...tmpfs: Tmpfs[]`) takes struct objects, not keyword arguments.
        linux_parameters.add_tmpfs(batch.Tmpfs(container_path="/scratch", size=cdk.Size.mebibytes(512)))
        ec2_job = batch.EcsJobDefinition(
            self,
            "Ec2JobDefinition",
            container=batch.EcsEc2ContainerDefinition(
                self,
                "Ec2Container",
                image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                cpu=1,
                memory=cdk.Size.gibibytes(2),
                command=["echo", "Ref::message"],
                linux_parameters=linux_parameters,
                ulimits=[batch.Ulimit(name=batch.UlimitName.NOFILE, soft_limit=1024, hard_limit=4096)],
            ),
            parameters={"message": "hello"},
            retry_attempts=3,
            retry_strategies=[batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.SPOT_INSTANCE_RECLAIMED)],
            timeout=cdk.Duration.minutes(30),
        )

        file_system = efs.FileSystem(self, "FileSystem", vpc=vpc)
        database_secret = secretsmanager.Secret(self, "DatabaseSecret")
        fargate_container = batch.EcsFargateContainerDefinition(
            self,
            "FargateContainer",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
            cpu=0.5,
            memory=cdk.Size.gibibytes(1),
            environment={"STAGE": "example"},
            secrets={"DB_PASSWORD": batch.Secret.from_secrets_manager(database_secret, "password")},
            ephemeral_storage_size=cdk.Size.gibibytes(30),
        )
        fargate_container.add_volume(batch.EcsVolume.efs(
            name="shared",
            file_system=file_system,
            container_path="/mnt/shared",
            enable_transit_encryption=True,
        ))
        fargate_job = batch.EcsJobDefinition(
            self,
            "FargateJobDefinition",
            container=fargate_container,
            propagate_tags=True,
            retry_attempts=5,
            retry_strategies=[batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.CANNOT_PULL_CONTAINER)],
        )
        fargate_job.add_retry_strategy(batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.custom(on_exit_code="137")))

        multi_node_job = batch.MultiNodeJobDefinition(
            self,
            "MultiNodeJobDefinition",
            instance_type=ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE),
            containers=[batch.MultiNodeContainer(
                start_node=0,
                end_node=0,
                container=batch.EcsEc2ContainerDefinition(
                    self,
                    "MainNodeContainer",
                    image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                    cpu=4,
                    memory=cdk.Size.gibibytes(4),
                    command=["mpirun", "--main"],
                ),
            )],
        )
        multi_node_job.add_container(
            start_node=1,
            end_node=3,
            container=batch.EcsEc2ContainerDefinition(
                self,
                "WorkerNodeContainer",
                image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                cpu=4,
                memory=cdk.Size.gibibytes(4),
                command=["mpirun", "--worker"],
            ),
        )

        # A job with a logging sidecar: the app's output goes to a FireLens log router in the same task.
        sidecar_task = batch.EcsFargateTaskDefinition(
            self,
            "SidecarTask",
            fargate_cpu_architecture=ecs.CpuArchitecture.ARM64,
        )
        sidecar_task.add_container(
            name="log-router",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"),
            cpu=0.25,
            memory=cdk.Size.mebibytes(512),
            essential=False,
            firelens_configuration=batch.FirelensConfiguration(type=ecs.FirelensLogRouterType.FLUENTBIT),
        )
        sidecar_app = sidecar_task.add_container(
            name="app",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
            cpu=0.25,
            memory=cdk.Size.mebibytes(512),
            command=["echo", "hello"],
            logging=ecs.LogDrivers.firelens(options={"Name": "stdout"}),
        )
        sidecar_app.add_dependency(container_name="log-router", condition=ecs.ContainerDependencyCondition.START)
        sidecar_job = batch.EcsMultiContainerJobDefinition(self, "SidecarJobDefinition", task=sidecar_task)

        # An MPI job whose worker range is open-ended: a job submitted with more nodes runs more workers.
        mpi_job = batch.MultiNodeJobDefinition(
            self,
            "MpiJobDefinition",
            instance_type=ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE),
            num_nodes=4,
        )
        mpi_job.add_range(
            start_node=0,
            end_node=0,
            container=batch.EcsEc2ContainerDefinition(
                self,
                "MpiMainContainer",
                image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                cpu=4,
                memory=cdk.Size.gibibytes(4),
                command=["mpirun", "--main"],
            ),
        )
        mpi_job.add_range(
            start_node=1,
            instance_types=[ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE2)],
            task=batch.EcsEc2TaskDefinition(
                self,
                "MpiWorkerTask",
                containers=[
                    batch.EcsTaskContainerOptions(
                        name="worker",
                        image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                        cpu=6,
                        memory=cdk.Size.gibibytes(12),
                        command=["mpirun", "--worker"],
                    ),
                    batch.EcsTaskContainerOptions(
                        name="metrics",
                        image=ecs.ContainerImage.from_registry("public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest"),
                        cpu=1,
                        memory=cdk.Size.mebibytes(256),
                        essential=False,
                    ),
                ],
            ),
        )

        submitter = iam.Role(self, "JobSubmitter", assumed_by=iam.AccountRootPrincipal())
        ec2_job.grant_submit_job(submitter, queue)
        fargate_job.grant_submit_job(submitter, queue)

        # What aws-cdk-lib 2.276 added: default instance classes, AL2023, time limit actions, ECS Exec,
        # the Fargate runtime platform, skip_deregister_on_update and consumable resources.
        graviton_environment = batch.ManagedEc2EcsComputeEnvironment(
            self,
            "GravitonComputeEnvironment",
            vpc=vpc,
            instance_classes=[ec2.InstanceClass.C7G],
            default_instance_classes=[batch.DefaultInstanceClass.ARM64],
            images=[batch.EcsMachineImage(image_type=batch.EcsMachineImageType.ECS_AL2023)],
        )
        batch.JobQueue(
            self,
            "GravitonJobQueue",
            compute_environments=[batch.OrderedComputeEnvironment(compute_environment=graviton_environment, order=1)],
            job_state_time_limit_actions=[batch.JobStateTimeLimitAction(
                max_time=cdk.Duration.minutes(30),
                reason=batch.JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY,
            )],
        )
        licenses = batch.ConsumableResource(
            self,
            "Licenses",
            total_quantity=10,
            resource_type=batch.ConsumableResourceType.REPLENISHABLE,
            tags={"team": "example"},
        )
        licensed_job = batch.EcsJobDefinition(
            self,
            "LicensedJobDefinition",
            container=batch.EcsFargateContainerDefinition(
                self,
                "LicensedContainer",
                image=ecs.ContainerImage.from_registry("public.ecr.aws/amazonlinux/amazonlinux:latest"),
                cpu=1,
                memory=cdk.Size.gibibytes(2),
                fargate_cpu_architecture=ecs.CpuArchitecture.ARM64,
                enable_execute_command=True,
            ),
            skip_deregister_on_update=True,
            consumable_resources=[batch.ConsumableResourceRequirement(consumable_resource=licenses, quantity=2)],
        )
        licensed_job.add_consumable_resource(licenses, 1)
        licenses.grants.read(submitter)
        sidecar_job.grant_submit_job(submitter, queue, all_revisions=True)
        mpi_job.grant_submit_job(submitter, queue)
