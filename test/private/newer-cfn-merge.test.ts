import { Template } from 'aws-cdk-lib/assertions';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { mergeNewerPropertiesLazily } from '../../lib/private/newer-cfn';
import { newStack } from '../util';

function jobDefinition() {
  const stack = newStack();
  const resource = new CfnJobDefinition(stack, 'Resource', {
    type: 'container',
    eksProperties: { podProperties: { containers: [{ image: 'busybox' }], dnsPolicy: 'Default' } },
  });
  return { stack, resource };
}

const pod = (stack: any) => Object.values(Template.fromStack(stack).findResources('AWS::Batch::JobDefinition'))[0].Properties.EksProperties.PodProperties;

describe('mergeNewerPropertiesLazily()', () => {
  test('members that render nothing leave what the L1 rendered as it is', () => {
    const { stack, resource } = jobDefinition();
    mergeNewerPropertiesLazily(resource, 'EksProperties.PodProperties', () => ({ Containers: undefined, InitContainers: [], Metadata: { Labels: undefined } }));
    expect(pod(stack)).toEqual({ Containers: [{ Image: 'busybox' }], DnsPolicy: 'Default' });
  });

  test('other members are added, or replace the L1 member of the same name in its place', () => {
    const { stack, resource } = jobDefinition();
    let produced = 0;
    mergeNewerPropertiesLazily(resource, 'EksProperties.PodProperties', () => {
      produced += 1;
      return { Containers: [{ Image: 'a' }, { Image: 'b' }], ShareProcessNamespace: false };
    });
    expect(produced).toBe(0);   // lazily: nothing is produced before synthesis
    const rendered = pod(stack);
    expect(rendered).toEqual({ Containers: [{ Image: 'a' }, { Image: 'b' }], DnsPolicy: 'Default', ShareProcessNamespace: false });
    expect(Object.keys(rendered)).toEqual(['Containers', 'DnsPolicy', 'ShareProcessNamespace']);
  });
});
