import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { EcsVolume, EfsVolume, HostVolume } from '../ecs-volume';
import { Problem, show, unresolved } from './validation';

/** Brands of the two container classes, so that job definitions tell them apart without `instanceof`. */
const EC2_CONTAINER = Symbol.for('@aws-cdk/aws-batch-alpha.EcsEc2ContainerDefinition');
const FARGATE_CONTAINER = Symbol.for('@aws-cdk/aws-batch-alpha.EcsFargateContainerDefinition');

/** Marks instances of `cls` as EC2 containers. */
export function brandEc2Container(cls: Function): void {
  Object.defineProperty(cls.prototype, EC2_CONTAINER, { value: true, enumerable: false, writable: false });
}

/** Marks instances of `cls` as Fargate containers. */
export function brandFargateContainer(cls: Function): void {
  Object.defineProperty(cls.prototype, FARGATE_CONTAINER, { value: true, enumerable: false, writable: false });
}

/** True for instances of `EcsEc2ContainerDefinition`. */
export function isEc2Container(x: unknown): boolean {
  return x !== null && typeof x === 'object' && EC2_CONTAINER in (x as object);
}

/** True for instances of `EcsFargateContainerDefinition`. */
export function isFargateContainer(x: unknown): boolean {
  return x !== null && typeof x === 'object' && FARGATE_CONTAINER in (x as object);
}

const VOLUME_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const MAX_PORT = 65535;

/** The problems of one volume, at position `i` of a container's volumes. */
export function validateVolume(volume: EcsVolume, i: number): Problem[] {
  const at = `volumes[${i}]`;
  const problems: Problem[] = [];
  if (!unresolved(volume.name)) {
    if (!VOLUME_NAME.test(volume.name)) {
      problems.push(`${at}.name must be 1 to 255 letters, digits, hyphens and underscores, got ${show(volume.name)}`);
    }
  }
  if (!unresolved(volume.containerPath) && volume.containerPath.length === 0) {
    problems.push(`${at}.containerPath must not be empty, got ''`);
  }
  if (EfsVolume.isEfsVolume(volume)) {
    problems.push(...validateEfsVolume(volume, at));
  }
  return problems;
}

function validateEfsVolume(volume: EfsVolume, at: string): Problem[] {
  const problems: Problem[] = [];
  // enableTransitEncryption is a boolean: a token there cannot be judged.
  const encrypted = volume.enableTransitEncryption === true || unresolved(volume.enableTransitEncryption);
  if (volume.accessPointId !== undefined && !encrypted) {
    problems.push(`${at}.enableTransitEncryption must be true when an accessPointId is given, got ${show(volume.enableTransitEncryption)}`);
  }
  if (volume.useJobRole === true && !encrypted) {
    problems.push(`${at}.enableTransitEncryption must be true when useJobRole is true, got ${show(volume.enableTransitEncryption)}`);
  }
  if (volume.accessPointId !== undefined && volume.rootDirectory !== undefined
    && !unresolved(volume.rootDirectory) && volume.rootDirectory !== '/') {
    problems.push(`${at}.rootDirectory must be '/' or absent when an accessPointId is given, got ${show(volume.rootDirectory)}`);
  }
  if (volume.rootDirectory !== undefined && !unresolved(volume.rootDirectory) && volume.rootDirectory.length > 4096) {
    problems.push(`${at}.rootDirectory must be at most 4096 characters, got ${volume.rootDirectory.length}`);
  }
  const port = volume.transitEncryptionPort;
  if (port !== undefined && !unresolved(port) && (!Number.isInteger(port) || port < 0 || port > MAX_PORT)) {
    problems.push(`${at}.transitEncryptionPort must be a whole number between 0 and ${MAX_PORT}, got ${show(port)}`);
  }
  return problems;
}

/** The `Volumes` entry of a volume. */
export function renderVolume(volume: EcsVolume): CfnJobDefinition.VolumesProperty {
  if (EfsVolume.isEfsVolume(volume)) {
    return {
      name: volume.name,
      efsVolumeConfiguration: {
        fileSystemId: volume.fileSystem.fileSystemId,
        rootDirectory: volume.rootDirectory,
        transitEncryption: enabledOrDisabled(volume.enableTransitEncryption),
        transitEncryptionPort: volume.transitEncryptionPort,
        authorizationConfig: volume.accessPointId !== undefined || volume.useJobRole
          ? { accessPointId: volume.accessPointId, iam: enabledOrDisabled(volume.useJobRole) }
          : undefined,
      },
    };
  }
  if (HostVolume.isHostVolume(volume)) {
    return { name: volume.name, host: { sourcePath: volume.hostPath } };
  }
  throw new Error(`volume '${volume.name}' is neither an EfsVolume nor a HostVolume: create volumes with EcsVolume.efs() or EcsVolume.host()`);
}

/** The `MountPoints` entry of a volume. */
export function renderMountPoint(volume: EcsVolume): CfnJobDefinition.MountPointsProperty {
  return { containerPath: volume.containerPath, readOnly: volume.readonly, sourceVolume: volume.name };
}

function enabledOrDisabled(flag: boolean | undefined): string | undefined {
  if (flag === undefined) {
    return undefined;
  }
  return flag ? 'ENABLED' : 'DISABLED';
}

/** The memory, in MiB, Fargate accepts with each vCPU value. */
export const FARGATE_MEMORY_BY_VCPU: ReadonlyArray<{ vcpu: number; memoryMiB: number[] }> = [
  { vcpu: 0.25, memoryMiB: [512, 1024, 2048] },
  { vcpu: 0.5, memoryMiB: gibRange(1, 4, 1) },
  { vcpu: 1, memoryMiB: gibRange(2, 8, 1) },
  { vcpu: 2, memoryMiB: gibRange(4, 16, 1) },
  { vcpu: 4, memoryMiB: gibRange(8, 30, 1) },
  { vcpu: 8, memoryMiB: gibRange(16, 60, 4) },
  { vcpu: 16, memoryMiB: gibRange(32, 120, 8) },
];

function gibRange(fromGiB: number, toGiB: number, stepGiB: number): number[] {
  const result: number[] = [];
  for (let gib = fromGiB; gib <= toGiB; gib += stepGiB) {
    result.push(gib * 1024);
  }
  return result;
}

/** Describes the memory allowed with a vCPU value, for messages. */
export function describeFargateMemory(vcpu: number): string {
  const entry = FARGATE_MEMORY_BY_VCPU.find((e) => e.vcpu === vcpu)!;
  const gib = entry.memoryMiB.map((m) => m / 1024);
  if (vcpu === 0.25) {
    return '0.5, 1 or 2 GiB';
  }
  const step = gib[1] - gib[0];
  return `${gib[0]} to ${gib[gib.length - 1]} GiB in steps of ${step} GiB`;
}
