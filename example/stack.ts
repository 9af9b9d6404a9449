import { Duration, Size, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';
import { Construct } from 'constructs';
import * as batch from '../lib';

/**
 * Everything the library offers, in one stack. The construct ids here are mirrored by the
 * Python and Java apps under test/bindings, which must synthesize the same template.
 */
export class BatchExampleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });

    // Compute environments: one of each kind.
    const ec2Environment = new batch.ManagedEc2EcsComputeEnvironment(this, 'Ec2ComputeEnvironment', {
      vpc,
      spot: true,
      spotBidPercentage: 80,
      maxvCpus: 64,
      instanceClasses: [ec2.InstanceClass.M5],
    });
    ec2Environment.addInstanceType(ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE));
    Tags.of(ec2Environment).add('workload', 'example');

    new batch.ManagedEc2EksComputeEnvironment(this, 'EksComputeEnvironment', {
      vpc,
      eksCluster: eks.Cluster.fromClusterAttributes(this, 'Cluster', { clusterName: 'batch-cluster' }),
      kubernetesNamespace: 'batch',
    });

    new batch.FargateComputeEnvironment(this, 'FargateComputeEnvironment', { vpc, spot: true, maxvCpus: 32 });

    new batch.UnmanagedComputeEnvironment(this, 'UnmanagedComputeEnvironment', { unmanagedvCpus: 16 });

    const policy = new batch.FairshareSchedulingPolicy(this, 'FairsharePolicy', {
      shareDecay: Duration.minutes(10),
      computeReservation: 20,
      shares: [{ shareIdentifier: 'analytics', weightFactor: 1 }],
    });
    policy.addShare({ shareIdentifier: 'reports*', weightFactor: 0.5 });

    const queue = new batch.JobQueue(this, 'JobQueue', {
      priority: 10,
      schedulingPolicy: policy,
    });
    queue.addComputeEnvironment(ec2Environment, 1);

    // An EKS job: an image from ECR, and one volume of each kind.
    const repository = ecr.Repository.fromRepositoryName(this, 'Repository', 'batch-jobs');
    const eksContainer = new batch.EksContainerDefinition(this, 'EksContainer', {
      image: ecs.ContainerImage.fromEcrRepository(repository, 'v1'),
      command: ['python', '/app/main.py'],
      args: ['--input', 'Ref::input'],
      env: { STAGE: 'example' },
      cpuReservation: 1,
      cpuLimit: 2,
      memoryLimit: Size.gibibytes(2),
      runAsUser: 1000,
      volumes: [
        batch.EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch', sizeLimit: Size.gibibytes(1) }),
        batch.EksVolume.hostPath({ name: 'host-logs', hostPath: '/var/log', mountPath: '/host/logs', readonly: true }),
      ],
    });
    eksContainer.addVolume(batch.EksVolume.secret({ name: 'credentials', secretName: 'batch-credentials', mountPath: '/secrets' }));
    new batch.EksJobDefinition(this, 'EksJobDefinition', {
      container: eksContainer,
      serviceAccount: 'batch-jobs',
      parameters: { input: 's3://example-bucket/input' },
      retryAttempts: 2,
      timeout: Duration.hours(1),
    });
  }
}
