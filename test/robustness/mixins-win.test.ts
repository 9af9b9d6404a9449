/**
 * CDK mixins (aws-cdk-lib's `CfnPropsMixin`, applied to an L2 with `.with()` after construction) set properties
 * on the L1: on every construct of this library that owns a resource, and on aws-cdk-lib's own L2s where they have
 * the construct, what a mixin sets wins at every leaf property path of the newest L1 (test/util/user-changes.ts),
 * with `PropertyMergeStrategy.override()` and with `combine()`.
 *
 * `combine()` copies the L1's current value member by member, and a lazily rendered member (an instance of a
 * class, as aws-cdk-lib's own L2s render too) loses its class in the copy and fails to resolve: it is applied to the
 * properties it can merge into, and the last test shows that aws-cdk-lib's own L2 fails the same way.
 *
 * Not run on aws-cdk-lib 2.95.1, which has no mixins.
 */
import { App, PropertyMergeStrategy, Size, Stack } from 'aws-cdk-lib';
import * as stable from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ours from '../../lib';
import { describeMixinsWin } from '../util/user-changes';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CfnPropsMixin } = require('aws-cdk-lib/core/lib/helpers-internal');

describe('this library', () => describeMixinsWin(ours));

describe('aws-cdk-lib\'s aws-batch', () => describeMixinsWin(stable));

test.each<[string, any]>([['this library', ours], ['aws-cdk-lib\'s aws-batch', stable]])(
  '%s: combine() into a pod that holds a lazily rendered volume list fails in aws-cdk-lib, override() wins', (_name, batch) => {
    const synth = (strategy: unknown) => {
      const app = new App();
      const stack = new Stack(app, 'Stack');
      const container = new batch.EksContainerDefinition(stack, 'Container', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'), cpuLimit: 1, memoryLimit: Size.mebibytes(1024),
        volumes: [batch.EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch' })],
      });
      new batch.EksJobDefinition(stack, 'Job', { container })
        .with(new CfnPropsMixin(stable.CfnJobDefinition, { eksProperties: { podProperties: { hostNetwork: false } } }, { strategy }));
      return () => Object.values(app.synth().getStackByName('Stack').template.Resources as Record<string, any>)
        .find((r) => r.Type === 'AWS::Batch::JobDefinition').Properties.EksProperties.PodProperties;
    };
    expect(synth(PropertyMergeStrategy.combine())).toThrow(/Trying to resolve a non-data object/);
    expect(synth(PropertyMergeStrategy.override())()).toEqual({ HostNetwork: false });
  });
