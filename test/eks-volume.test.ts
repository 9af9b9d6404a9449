import { Size } from 'aws-cdk-lib';
import { EksVolume, EmptyDirMediumType, EmptyDirVolume, HostPathVolume, SecretPathVolume } from '../lib';

describe('EksVolume factories', () => {
  test('emptyDir() keeps every option', () => {
    // WHEN
    const volume = EksVolume.emptyDir({
      name: 'scratch',
      mountPath: '/scratch',
      readonly: true,
      medium: EmptyDirMediumType.MEMORY,
      sizeLimit: Size.mebibytes(512),
    });

    // THEN
    expect(volume).toBeInstanceOf(EmptyDirVolume);
    expect(volume.name).toBe('scratch');
    expect(volume.containerPath).toBe('/scratch');
    expect(volume.readonly).toBe(true);
    expect(volume.medium).toBe(EmptyDirMediumType.MEMORY);
    expect(volume.sizeLimit?.toMebibytes()).toBe(512);
  });

  test('emptyDir() leaves unset options undefined', () => {
    const volume = EksVolume.emptyDir({ name: 'scratch' });
    expect(volume.containerPath).toBeUndefined();
    expect(volume.readonly).toBeUndefined();
    expect(volume.medium).toBeUndefined();
    expect(volume.sizeLimit).toBeUndefined();
  });

  test('hostPath() exposes the node path as path', () => {
    const volume = EksVolume.hostPath({ name: 'logs', hostPath: '/var/log', mountPath: '/logs' });
    expect(volume).toBeInstanceOf(HostPathVolume);
    expect(volume.path).toBe('/var/log');
    expect(volume.containerPath).toBe('/logs');
  });

  test('secret() is optional unless told otherwise', () => {
    expect(EksVolume.secret({ name: 'creds', secretName: 'db-creds' }).optional).toBe(true);
    expect(EksVolume.secret({ name: 'creds', secretName: 'db-creds', optional: false }).optional).toBe(false);
    expect(EksVolume.secret({ name: 'creds', secretName: 'db-creds' }).secretName).toBe('db-creds');
  });
});

describe('volume kind checks', () => {
  const volumes = {
    emptyDir: EksVolume.emptyDir({ name: 'a' }),
    hostPath: EksVolume.hostPath({ name: 'b', hostPath: '/b' }),
    secret: EksVolume.secret({ name: 'c', secretName: 'c' }),
  };
  const checks = {
    emptyDir: EmptyDirVolume.isEmptyDirVolume,
    hostPath: HostPathVolume.isHostPathVolume,
    secret: SecretPathVolume.isSecretPathVolume,
  };

  test.each(Object.keys(checks) as Array<keyof typeof checks>)('the %s check recognizes only its own kind', (kind) => {
    for (const [other, volume] of Object.entries(volumes)) {
      expect(checks[kind](volume)).toBe(other === kind);
    }
  });

  test.each(Object.keys(checks) as Array<keyof typeof checks>)('the %s check rejects non-volumes', (kind) => {
    for (const x of [undefined, null, 'emptyDir', 42, {}, { name: 'a', hostPath: '/a' }]) {
      expect(checks[kind](x)).toBe(false);
    }
  });

  test('the checks are branded, not instanceof: they see through a copy of the class', () => {
    // GIVEN an object with the brand but not our prototype (as a second copy of the library makes)
    const foreign = Object.create(null);
    const brand = Symbol.for('@aws-cdk/aws-batch-alpha.EmptyDirVolume');
    Object.defineProperty(foreign, brand, { value: true });

    // THEN
    expect(foreign instanceof EmptyDirVolume).toBe(false);
    expect(EmptyDirVolume.isEmptyDirVolume(foreign)).toBe(true);
    expect(HostPathVolume.isHostPathVolume(foreign)).toBe(false);
  });

  test('the brand does not show up in the volume\'s enumerable keys', () => {
    expect(Object.keys(volumes.secret).sort()).toEqual(['containerPath', 'name', 'optional', 'readonly', 'secretName']);
  });
});
