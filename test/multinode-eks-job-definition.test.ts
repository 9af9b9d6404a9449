import { Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EksContainerDefinition, EksContainerDefinitionProps, EksNodeRange, EksVolume, JobQueue, MultiNodeEksJobDefinition, MultiNodeEksJobDefinitionProps } from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { FakeComputeEnvironment } from './util/fake-compute-environment';

let counter = 0;
function container(stack: Stack, props: Partial<EksContainerDefinitionProps> = {}): EksContainerDefinition {
  return new EksContainerDefinition(stack, `Container${counter++}`, {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36'),
    cpuReservation: 1,
    memoryLimit: Size.gibibytes(1),
    ...props,
  });
}

function range(stack: Stack, startNode: number, endNode?: number, more: Partial<EksNodeRange> = {}): EksNodeRange {
  return { startNode, endNode, container: container(stack, { name: 'main' }), ...more };
}

function jobDefinition(stack: Stack, props: MultiNodeEksJobDefinitionProps): MultiNodeEksJobDefinition {
  return new MultiNodeEksJobDefinition(stack, 'JobDefinition', props);
}

function onlyJobDefinition(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0].Properties;
}

describe('MultiNodeEksJobDefinition rendering', () => {
  test('one range: a multinode job whose nodes run an EKS pod', () => {
    const stack = newStack();
    jobDefinition(stack, { nodeRanges: [range(stack, 0, 3)] });

    expect(onlyJobDefinition(stack)).toEqual({
      Type: 'multinode',
      RetryStrategy: {},
      Timeout: {},
      NodeProperties: {
        MainNode: 0,
        NumNodes: 4,
        NodeRangeProperties: [{
          TargetNodes: '0:3',
          EksProperties: {
            PodProperties: {
              Containers: [{
                Image: 'public.ecr.aws/docker/library/busybox:1.36',
                Name: 'main',
                Env: [],
                Resources: { Limits: { memory: '1024Mi' }, Requests: { cpu: 1 } },
                SecurityContext: { RunAsNonRoot: true },
              }],
            },
          },
        }],
      },
    });
  });
});
