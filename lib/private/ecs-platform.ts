import { Size, SizeRoundingBehavior, Tokenization } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { EcsVolume, HostVolume } from '../ecs-volume';
import { LinuxParameters } from '../linux-parameters';
import { describeFargateMemory, FARGATE_MEMORY_BY_VCPU } from './fargate-sizes';
import { checkAtLeast, found, Problem, show, unresolved } from './validation';

/*
 * The rules of each ECS platform (EC2, Fargate) that single containers and the containers of a
 * multi-container task both follow, and the rendering of the EC2-only container settings.
 */

/** A ulimit, as the EC2 container classes take it (structurally: this module does not depend on them). */
export interface UlimitLike {
  readonly name: string;
  readonly softLimit: number;
  readonly hardLimit: number;
}

/** The vCPUs of a container on EC2: at least one. */
export function checkEc2Cpu(cpu: number, prop = 'cpu'): Problem {
  if (unresolved(cpu)) {
    return undefined;
  }
  if (typeof cpu !== 'number' || Number.isNaN(cpu) || cpu < 1) {
    return `${prop} must be at least 1 vCPU on EC2, got ${show(cpu)}`;
  }
  return undefined;
}

/** `-1` is Docker's "unlimited" for a ulimit (AWS's own EFA templates set `memlock` to -1/-1). */
const UNLIMITED = -1;

/** A limit for the soft ≤ hard comparison: unlimited is above every number. */
function limitValue(limit: number): number {
  return limit === UNLIMITED ? Infinity : limit;
}

/** The problems of one ulimit, at position `i` of `prop`. */
export function validateUlimit(ulimit: UlimitLike, i: number, prop = 'ulimits'): Problem[] {
  const problems: Problem[] = [
    checkAtLeast(`${prop}[${i}].softLimit`, ulimit.softLimit, UNLIMITED, true),
    checkAtLeast(`${prop}[${i}].hardLimit`, ulimit.hardLimit, UNLIMITED, true),
  ];
  // compared only when both limits are valid: a bad limit has its own message
  const valid = found(problems).length === 0;
  if (valid && !unresolved(ulimit.softLimit) && !unresolved(ulimit.hardLimit)
    && limitValue(ulimit.softLimit) > limitValue(ulimit.hardLimit)) {
    problems.push(`${prop}[${i}].softLimit must be at most its hardLimit (${ulimit.hardLimit}; -1 is unlimited), got ${ulimit.softLimit}`);
  }
  return problems;
}

/** The `Ulimits` entry of a ulimit. */
export function renderUlimit(u: UlimitLike): CfnJobDefinition.UlimitProperty {
  return { hardLimit: u.hardLimit, name: u.name, softLimit: u.softLimit };
}

/** The `GPU` resource requirement: none for zero GPUs, as the Batch console does. */
export function renderGpuRequirement(gpu: number | undefined): CfnJobDefinition.ResourceRequirementProperty[] {
  return gpu ? [{ type: 'GPU', value: Tokenization.stringifyNumber(gpu) }] : [];
}

/** The Linux parameters Fargate does not support: devices, tmpfs, swap and shared memory. */
export function fargateLinuxParameterProblems(params: LinuxParameters | undefined, prefix = ''): Problem[] {
  if (!params) {
    return [];
  }
  const at = `${prefix}linuxParameters`;
  const problems: Problem[] = [];
  if (params.devices.length > 0) {
    problems.push(`${at}.devices must be empty on Fargate, which does not support devices, got ${params.devices.length}`);
  }
  if (params.tmpfs.length > 0) {
    problems.push(`${at}.tmpfs must be empty on Fargate, which does not support tmpfs mounts, got ${params.tmpfs.length}`);
  }
  if (params.maxSwap !== undefined) {
    problems.push(`${at}.maxSwap must not be set on Fargate, which does not support swap, got ${describeSize(params.maxSwap)}`);
  }
  if (params.sharedMemorySize !== undefined) {
    problems.push(`${at}.sharedMemorySize must not be set on Fargate, which does not support it, got ${describeSize(params.sharedMemorySize)}`);
  }
  return problems;
}

/** Host volumes with a host path, which Fargate does not support. */
export function fargateHostPathProblems(volumes: EcsVolume[], prefix = ''): Problem[] {
  return volumes.map((volume, i) => HostVolume.isHostVolume(volume) && volume.hostPath !== undefined
    ? `${prefix}volumes[${i}].hostPath must not be set on Fargate, which does not support host paths, got ${show(volume.hostPath)}`
    : undefined);
}

/**
 * A vCPU and memory pair must be one Fargate takes. `what` names the pair in messages
 * (`cpu`/`memory` of a container, or the totals of a task).
 */
export function checkFargateCpuMemory(cpu: number, memory: Size, what = { cpu: 'cpu', memory: 'memory' }): Problem[] {
  if (unresolved(cpu)) {
    // the pair cannot be checked, but the memory must still be one that some vCPU count takes
    if (memory.isUnresolved()) {
      return [];
    }
    const mib = memory.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    return FARGATE_MEMORY_BY_VCPU.some((e) => e.memoryMiB.includes(mib))
      ? []
      : [`${what.memory} must be a size Fargate takes with some vCPU count (0.5 GiB; 1 to 30 GiB in steps of 1; 32 to 60 in steps of 4; 64 to 120 in steps of 8), got ${mib} MiB`];
  }
  const entry = FARGATE_MEMORY_BY_VCPU.find((e) => e.vcpu === cpu);
  if (!entry) {
    return [`${what.cpu} must be one of ${FARGATE_MEMORY_BY_VCPU.map((e) => e.vcpu).join(', ')} vCPUs on Fargate, got ${show(cpu)}`];
  }
  if (memory.isUnresolved()) {
    return [];
  }
  const mib = memory.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!entry.memoryMiB.includes(mib)) {
    return [`${what.memory} must be ${describeFargateMemory(cpu)} with ${cpu} vCPU on Fargate, got ${mib} MiB`];
  }
  return [];
}

/** Fargate ephemeral storage: whole GiB between 21 and 200. */
export function checkEphemeralStorage(size: Size | undefined): Problem {
  if (size === undefined || size.isUnresolved()) {
    return undefined;
  }
  const gib = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(gib) || gib < 21 || gib > 200) {
    return `ephemeralStorageSize must be a whole number of GiB between 21 and 200, got ${gib} GiB`;
  }
  return undefined;
}

function describeSize(size: Size): string {
  return size.isUnresolved() ? 'a token' : `${size.toMebibytes({ rounding: SizeRoundingBehavior.NONE })} MiB`;
}
