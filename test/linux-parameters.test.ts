import { CfnParameter, Size, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { DevicePermission, LinuxParameters, TmpfsMountOption } from '../lib';
import { expectValidationError, newStack } from './util';

function render(stack: Stack, params: LinuxParameters): any {
  return stack.resolve(params.renderLinuxParameters());
}

describe('LinuxParameters', () => {
  test('renders nothing by default', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const params = new LinuxParameters(stack, 'Linux');

    // THEN
    expect(render(stack, params)).toEqual({});
    expect(params.devices).toEqual([]);
    expect(params.tmpfs).toEqual([]);
  });

  test('renders every prop, sizes in MiB', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const params = new LinuxParameters(stack, 'Linux', {
      initProcessEnabled: true,
      maxSwap: Size.gibibytes(1),
      sharedMemorySize: Size.mebibytes(64),
      swappiness: 0,
    });

    // THEN
    expect(render(stack, params)).toEqual({ initProcessEnabled: true, maxSwap: 1024, sharedMemorySize: 64, swappiness: 0 });
    expect([params.initProcessEnabled, params.maxSwap?.toMebibytes(), params.sharedMemorySize?.toMebibytes(), params.swappiness])
      .toEqual([true, 1024, 64, 0]);
  });

  test('swappiness without maxSwap is dropped, as Batch ignores it', () => {
    const stack = newStack();
    const params = new LinuxParameters(stack, 'Linux', { swappiness: 10 });
    expect(params.swappiness).toBeUndefined();
    expect(render(stack, params)).toEqual({});
  });

  test('addDevices() and addTmpfs() after construction render', () => {
    // GIVEN
    const stack = newStack();
    const params = new LinuxParameters(stack, 'Linux');
    const rendered = params.renderLinuxParameters();

    // WHEN
    params.addDevices({ hostPath: '/dev/a' }, { hostPath: '/dev/b', containerPath: '/dev/c', permissions: [DevicePermission.READ, DevicePermission.MKNOD] });
    params.addTmpfs({ containerPath: '/scratch', size: Size.gibibytes(1), mountOptions: [TmpfsMountOption.NOEXEC, TmpfsMountOption.NR_INODES] });

    // THEN
    expect(stack.resolve(rendered)).toEqual({
      devices: [{ hostPath: '/dev/a' }, { hostPath: '/dev/b', containerPath: '/dev/c', permissions: ['read', 'mknod'] }],
      tmpfs: [{ containerPath: '/scratch', size: 1024, mountOptions: ['noexec', 'nr_inodes'] }],
    });
    expect(params.devices).toHaveLength(2);
    expect(params.tmpfs).toHaveLength(1);
  });

  test('devices and tmpfs are copies', () => {
    const params = new LinuxParameters(newStack(), 'Linux');
    params.devices.push({ hostPath: '/dev/x' });
    params.tmpfs.push({ containerPath: '/x', size: Size.mebibytes(1) });
    expect([params.devices, params.tmpfs]).toEqual([[], []]);
  });

  test.each([
    ['swappiness -1', { swappiness: -1 }, /LinuxParameters 'Stack\/Linux': swappiness must be a whole number between 0 and 100, got -1/],
    ['swappiness 101', { swappiness: 101 }, /swappiness must be a whole number between 0 and 100, got 101/],
    ['swappiness 1.5', { swappiness: 1.5 }, /swappiness must be a whole number between 0 and 100, got 1.5/],
    ['a fractional maxSwap', { maxSwap: Size.kibibytes(1536) }, /maxSwap must be a whole number of MiB, at least 0, got 1.5 MiB/],
  ])('%s is rejected', (_name, props, message) => {
    expectValidationError(() => new LinuxParameters(newStack(), 'Linux', props), message);
  });

  test.each([
    ['a device with an empty host path', (p: LinuxParameters) => p.addDevices({ hostPath: '' }), /devices\[0\]\.hostPath must not be empty, got ''/],
    ['a device with an empty container path', (p: LinuxParameters) => p.addDevices({ hostPath: '/dev/a', containerPath: '' }), /devices\[0\]\.containerPath must not be empty/],
    ['a tmpfs with an empty path', (p: LinuxParameters) => p.addTmpfs({ containerPath: '', size: Size.mebibytes(1) }), /tmpfs\[0\]\.containerPath must not be empty/],
    ['a tmpfs of 1.5 MiB', (p: LinuxParameters) => p.addTmpfs({ containerPath: '/t', size: Size.kibibytes(1536) }), /tmpfs\[0\]\.size must be a whole number of MiB, at least 0, got 1.5 MiB/],
  ])('%s is rejected when added', (_name, add, message) => {
    const params = new LinuxParameters(newStack(), 'Linux');
    expectValidationError(() => add(params), message);
    expect(params.devices.length + params.tmpfs.length).toBe(0);
  });

  test('sharedMemorySize 0 and a tmpfs of 0 MiB are accepted and rendered (no AWS page gives a minimum)', () => {
    // GIVEN
    const stack = newStack();
    const params = new LinuxParameters(stack, 'Linux', { sharedMemorySize: Size.mebibytes(0) });

    // WHEN
    params.addTmpfs({ containerPath: '/t', size: Size.mebibytes(0) });

    // THEN
    const rendered = render(stack, params);
    expect(rendered.sharedMemorySize).toEqual(0);
    expect(rendered.tmpfs).toEqual([{ containerPath: '/t', size: 0 }]);
  });

  test('positions in messages count the items already added', () => {
    const params = new LinuxParameters(newStack(), 'Linux');
    params.addDevices({ hostPath: '/dev/a' });
    expectValidationError(() => params.addDevices({ hostPath: '/dev/b' }, { hostPath: '' }), /devices\[2\]\.hostPath must not be empty/);
  });

  test('swappiness: whole numbers 0 to 100 pass (property-based)', () => {
    fc.assert(fc.property(fc.integer({ min: -50, max: 150 }), (swappiness) => {
      const build = () => new LinuxParameters(newStack(), 'Linux', { swappiness, maxSwap: Size.mebibytes(0) });
      if (swappiness >= 0 && swappiness <= 100) {
        expect(build().swappiness).toBe(swappiness);
      } else {
        expectValidationError(build, /swappiness must be a whole number between 0 and 100/);
      }
    }), { numRuns: 50 });
  });

  test('token props pass', () => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    const params = new LinuxParameters(stack, 'Linux', { swappiness: n, maxSwap: Size.mebibytes(n), sharedMemorySize: Size.mebibytes(n) });
    expect(render(stack, params)).toEqual({ swappiness: { Ref: 'N' }, maxSwap: { Ref: 'N' }, sharedMemorySize: { Ref: 'N' } });
  });
});
