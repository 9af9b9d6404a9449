// The features that the Python and Java example apps do not use yet, in one stack: S3 Files volumes, EKS pod and
// container security contexts, capacity tags, EKS access entries and multi-container jobs on ECS Managed Instances. The C# app builds the same stack
// (BatchExample/NewerFeaturesStack.cs), and the binding tests compare the two templates (test/bindings/run.sh).
import { App, Size, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';
import { Construct } from 'constructs';
import * as batch from '../../../lib';

export class NewerFeaturesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });

    // Capacity tags on the instances ECS Managed Instances launches.
    const managedInstances = new batch.EcsManagedInstancesComputeEnvironment(this, 'ManagedInstancesComputeEnvironment', {
      vpc,
      maxvCpus: 64,
      capacityTags: { 'cost-center': 'research' },
    });
    managedInstances.addCapacityTag('team', 'ml');
    new batch.JobQueue(this, 'ManagedInstancesJobQueue', {
      computeEnvironments: [{ computeEnvironment: managedInstances, order: 1 }],
    });

    // A multi-container job for that environment: host networking, and a file system from S3 Files.
    const managedInstancesTask = new batch.EcsManagedInstancesTaskDefinition(this, 'ManagedInstancesTask', {
      networkMode: batch.EcsNetworkMode.HOST,
      cpuArchitecture: ecs.CpuArchitecture.ARM64,
    });
    managedInstancesTask.addContainer({
      name: 'train',
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12'),
      cpu: 4,
      memory: Size.gibibytes(16),
      volumes: [batch.EcsVolume.s3Files({
        name: 'checkpoints',
        containerPath: '/checkpoints',
        fileSystemArn: 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef1',
        transitEncryptionPort: 2049,
      })],
    });
    new batch.EcsMultiContainerJobDefinition(this, 'ManagedInstancesJobDefinition', { task: managedInstancesTask });

    // Batch manages the EKS access entry of its service role on the cluster.
    new batch.ManagedEc2EksComputeEnvironment(this, 'EksComputeEnvironment', {
      vpc,
      eksCluster: eks.Cluster.fromClusterAttributes(this, 'Cluster', { clusterName: 'batch-cluster' }),
      kubernetesNamespace: 'batch',
      accessEntryDesiredState: batch.EksAccessEntryDesiredState.ENABLED,
    });

    // A Fargate job that mounts an S3 file system through an access point; the job role it needs is created.
    new batch.EcsJobDefinition(this, 'S3FilesJobDefinition', {
      container: new batch.EcsFargateContainerDefinition(this, 'S3FilesContainer', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'),
        command: ['ls', '/mnt/data'],
        cpu: 1,
        memory: Size.gibibytes(2),
        volumes: [batch.EcsVolume.s3Files({
          name: 'data',
          containerPath: '/mnt/data',
          fileSystemArn: 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0',
          accessPointArn: 'arn:aws:s3files:us-east-1:123456789012:access-point/fsap-0123456789abcdef0',
          readonly: true,
        })],
      }),
    });

    // An EKS pod held to Kubernetes' restricted pod security standard.
    const init = new batch.EksContainerDefinition(this, 'InitContainer', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36'),
      name: 'prepare',
      command: ['sh', '-c', 'mkdir -p /work/out'],
      cpuReservation: 0.25,
      memoryLimit: Size.mebibytes(128),
      capabilities: { drop: ['ALL'] },
      seccompProfile: batch.SeccompProfile.localhost('profiles/prepare.json'),
    });
    new batch.EksJobDefinition(this, 'RestrictedEksJobDefinition', {
      container: new batch.EksContainerDefinition(this, 'RestrictedContainer', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12'),
        name: 'main',
        command: ['python', '-m', 'http.server', '80'],
        cpuReservation: 1,
        memoryLimit: Size.gibibytes(1),
        allowPrivilegeEscalation: false,
        capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
        seccompProfile: batch.SeccompProfile.runtimeDefault(),
      }),
      initContainers: [init],
      podSecurityContext: {
        runAsUser: 1000,
        runAsGroup: 3000,
        fsGroup: 2000,
        runAsNonRoot: true,
        seccompProfile: batch.SeccompProfile.runtimeDefault(),
      },
    });

    // The same security context for the pods of every node of a multi-node EKS job.
    new batch.MultiNodeEksJobDefinition(this, 'MultiNodeEksJobDefinition', {
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.G5, ec2.InstanceSize.XLARGE12),
      numNodes: 2,
      nodeRanges: [{
        startNode: 0,
        container: new batch.EksContainerDefinition(this, 'NodeContainer', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/python:3.12'),
          command: ['torchrun'],
          cpuReservation: 4,
          memoryLimit: Size.gibibytes(16),
          capabilities: { drop: ['ALL'] },
        }),
        podSecurityContext: { runAsUser: 1000, runAsNonRoot: true, seccompProfile: batch.SeccompProfile.runtimeDefault() },
      }],
    });
  }
}

const app = new App();
new NewerFeaturesStack(app, 'BatchNewerFeatures');
app.synth();
