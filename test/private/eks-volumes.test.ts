import { EksVolume } from '../../lib';
import { acceptVolume, KnownVolume } from '../../lib/private/eks-volumes';
import { expectValidationError, newStack } from '../util';

describe('acceptVolume()', () => {
  test.each<[KnownVolume['kind'], EksVolume]>([
    ['emptyDir', EksVolume.emptyDir({ name: 'scratch' })],
    ['hostPath', EksVolume.hostPath({ name: 'logs', hostPath: '/var/log' })],
    ['persistentVolumeClaim', EksVolume.persistentVolumeClaim({ name: 'data', claimName: 'data' })],
    ['secret', EksVolume.secret({ name: 'token', secretName: 'token' })],
  ])('tells the kind of %s volumes', (kind, volume) => {
    expect(acceptVolume('EksContainerDefinition', newStack(), 'volumes[0]', volume)).toEqual({ kind, volume });
  });

  test('throws the library error for a volume none of the factories made, naming the construct and the prop', () => {
    class OtherVolume extends EksVolume {}
    const stack = newStack();
    expectValidationError(() => acceptVolume('EksContainerDefinition', stack, 'volumes[3]', new OtherVolume({ name: 'other' })),
      /^EksContainerDefinition 'Stack': volumes\[3\] must be made with EksVolume.emptyDir\(\), .* got another kind of volume$/);
  });
});
