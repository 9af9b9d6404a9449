import { Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EksContainerDefinition, EksContainerDefinitionProps, EksJobDefinition, EksVolume, ImagePullPolicy } from '../lib';
import { newStack } from './util';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36');

function container(stack: Stack, id: string, props: Partial<EksContainerDefinitionProps> = {}): EksContainerDefinition {
  return new EksContainerDefinition(stack, id, { image: IMAGE, cpuReservation: 1, memoryLimit: Size.gibibytes(1), ...props });
}

function pod(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0].Properties.EksProperties.PodProperties;
}

describe('the pod rendered through the newer-CloudFormation mechanism', () => {
  const containers: Array<[string, Partial<EksContainerDefinitionProps>]> = [
    ['defaults', {}],
    ['requests only', { cpuLimit: undefined, cpuReservation: 1, memoryLimit: undefined, memoryReservation: Size.mebibytes(512) }],
    ['limits only', { cpuReservation: undefined, cpuLimit: 2, memoryLimit: Size.gibibytes(2), gpuLimit: 1 }],
    ['every prop', {
      name: 'main', args: ['a'], command: ['sh', '-c'], env: { A: '1', B: '2' }, imagePullPolicy: ImagePullPolicy.ALWAYS,
      cpuLimit: 2, cpuReservation: 1, memoryLimit: Size.gibibytes(2), memoryReservation: Size.gibibytes(2), gpuLimit: 1, gpuReservation: 1,
      privileged: true, readonlyRootFilesystem: true, runAsGroup: 5, runAsRoot: true, runAsUser: 0,
      volumes: [
        EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch', sizeLimit: Size.mebibytes(64) }),
        EksVolume.hostPath({ name: 'logs', hostPath: '/var/log', mountPath: '/logs', readonly: true }),
        EksVolume.secret({ name: 'creds', secretName: 'creds', optional: false }),
      ],
    }],
  ];

  test.each(containers)('%s: a container renders as the L1 renders it', (_name, props) => {
    // GIVEN a single-container pod, rendered by the L1
    const typed = newStack();
    new EksJobDefinition(typed, 'Job', { container: container(typed, 'Main', props) });

    // WHEN the same container is the first of two, so that the pod renders through the mechanism
    const raw = newStack();
    const job = new EksJobDefinition(raw, 'Job', { container: container(raw, 'Main', props) });
    job.addContainer(container(raw, 'Sidecar', { name: 'sidecar' }));

    // THEN
    expect(pod(raw).Containers[0]).toEqual(pod(typed).Containers[0]);
    expect(pod(raw).Volumes).toEqual(pod(typed).Volumes);
  });
});
