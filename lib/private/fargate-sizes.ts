/** What Fargate accepts: the memory sizes each vCPU count takes. */

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
