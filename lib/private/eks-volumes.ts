import { Size } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { IConstruct } from 'constructs';
import { EksVolume, EmptyDirVolume, HostPathVolume, PersistentVolumeClaimVolume, SecretPathVolume } from '../eks-volume';
import { checkDescendingPath, checkDnsLabel, checkDnsSubdomain } from './kubernetes';
import { checkSizeTokenUnit } from './units';
import { checkNotEmpty, checkUnique, checkWholeMiB, Problem, show, unresolved, validationError } from './validation';

/**
 * An EKS volume with its kind: one of the four that `EksVolume`'s factories make. Whatever depends on the
 * kind switches over `kind`, and the compiler checks that every kind is handled; a volume of another kind
 * never gets this far (see `acceptVolume()`).
 */
export type KnownVolume =
  | { readonly kind: 'emptyDir'; readonly volume: EmptyDirVolume }
  | { readonly kind: 'hostPath'; readonly volume: HostPathVolume }
  | { readonly kind: 'persistentVolumeClaim'; readonly volume: PersistentVolumeClaimVolume }
  | { readonly kind: 'secret'; readonly volume: SecretPathVolume };

/** The volume with its kind, or `undefined` for a volume that none of `EksVolume`'s factories made. */
function knownVolume(volume: EksVolume): KnownVolume | undefined {
  if (EmptyDirVolume.isEmptyDirVolume(volume)) {
    return { kind: 'emptyDir', volume };
  }
  if (HostPathVolume.isHostPathVolume(volume)) {
    return { kind: 'hostPath', volume };
  }
  if (PersistentVolumeClaimVolume.isPersistentVolumeClaimVolume(volume)) {
    return { kind: 'persistentVolumeClaim', volume };
  }
  if (SecretPathVolume.isSecretPathVolume(volume)) {
    return { kind: 'secret', volume };
  }
  return undefined;
}

function foreignVolume(prop: string): string {
  return `${prop} must be made with EksVolume.emptyDir(), EksVolume.hostPath(), EksVolume.persistentVolumeClaim() or EksVolume.secret(), got another kind of volume`;
}

/** The problems of one volume, its props named under `prop` (e.g. `volumes[2]`). */
export function validateVolume(prop: string, volume: EksVolume): Problem[] {
  const problems: Problem[] = [
    checkDnsLabel(`${prop}.name`, volume.name),
    checkNotEmpty(`${prop}.mountPath`, volume.containerPath),
  ];
  if (volume.readonly === true && volume.containerPath === undefined) {
    problems.push(`${prop}.readonly must be false when the volume has no mountPath (an unmounted volume cannot be mounted read-only), got true`);
  }
  problems.push(checkDescendingPath(`${prop}.subPath`, volume.subPath));
  if (volume.subPath !== undefined && volume.containerPath === undefined) {
    problems.push(`${prop}.subPath needs a mountPath (only a mounted volume has a mounted sub-path), got ${show(volume.subPath)} without a mountPath`);
  }
  const known = knownVolume(volume);
  return [...problems, ...(known === undefined ? [foreignVolume(prop)] : validateKind(prop, known))];
}

/** The problems of what is particular to the volume's kind. */
function validateKind(prop: string, known: KnownVolume): Problem[] {
  switch (known.kind) {
    case 'emptyDir':
      return [
        // 0 passes: Kubernetes forbids only negative quantities
        checkWholeMiB(`${prop}.sizeLimit`, known.volume.sizeLimit, 0),
        checkSizeTokenUnit(`${prop}.sizeLimit`, known.volume.sizeLimit, 'mebibytes'),
      ];
    case 'hostPath':
      return [checkNotEmpty(`${prop}.hostPath`, known.volume.path)];
    case 'persistentVolumeClaim':
      return [checkDnsSubdomain(`${prop}.claimName`, known.volume.claimName)];
    case 'secret':
      return [checkDnsSubdomain(`${prop}.secretName`, known.volume.secretName)];
  }
}

/**
 * The volume with its kind, for a container to keep. A volume of another kind is the ValidationError that
 * `validateVolume()` reports for it, of the construct `scope` (a `kind` such as `EksContainerDefinition`).
 */
export function acceptVolume(kind: string, scope: IConstruct, prop: string, volume: EksVolume): KnownVolume {
  const known = knownVolume(volume);
  if (known === undefined) {
    throw validationError(kind, scope, [foreignVolume(prop)]);
  }
  return known;
}

/** The problems of the volumes of one container together: names and mount paths must be unique. */
export function validateVolumeSet(volumes: EksVolume[]): Problem[] {
  return [
    ...checkUnique('volumes', volumes, (v) => v.name, 'name'),
    ...checkUnique('volumes', volumes, (v) => v.containerPath, 'mountPath'),
  ];
}

/** A Kubernetes quantity in MiB (`2048Mi`); a size given as a token renders as a reference joined with `Mi`. */
export function mebibytesQuantity(size: Size): string {
  return `${size.toMebibytes()}Mi`;
}

/** The pod volume of an EKS volume. */
export function renderVolume(known: KnownVolume): CfnJobDefinition.EksVolumeProperty {
  switch (known.kind) {
    case 'emptyDir':
      return {
        name: known.volume.name,
        emptyDir: {
          medium: known.volume.medium,
          sizeLimit: known.volume.sizeLimit !== undefined ? mebibytesQuantity(known.volume.sizeLimit) : undefined,
        },
      };
    case 'hostPath':
      return { name: known.volume.name, hostPath: { path: known.volume.path } };
    case 'persistentVolumeClaim':
      // aws-cdk-lib 2.95.1's L1 has no persistentVolumeClaim: it is rendered by renderNewerVolumeMembers()
      return { name: known.volume.name };
    case 'secret':
      return { name: known.volume.name, secret: { secretName: known.volume.secretName, optional: known.volume.optional } };
  }
}

/** The container's mount of an EKS volume, or `undefined` for a volume that is not mounted. */
export function renderVolumeMount(volume: EksVolume): CfnJobDefinition.EksContainerVolumeMountProperty | undefined {
  if (volume.containerPath === undefined) {
    return undefined;
  }
  return { name: volume.name, mountPath: volume.containerPath, readOnly: volume.readonly };
}

/**
 * The members of the pod volume of an EKS volume that aws-cdk-lib 2.95.1's L1 does not have (for
 * `lib/private/newer-cfn.ts`), or `undefined` when it has none.
 */
export function renderNewerVolumeMembers(known: KnownVolume): { [name: string]: unknown } | undefined {
  if (known.kind === 'persistentVolumeClaim') {
    return { PersistentVolumeClaim: { ClaimName: known.volume.claimName, ReadOnly: known.volume.readonlyClaim } };
  }
  return undefined;
}

/** The pod volume of an EKS volume, in CloudFormation names (for `lib/private/newer-cfn.ts`). */
export function renderRawVolume(known: KnownVolume): { [name: string]: unknown } {
  switch (known.kind) {
    case 'emptyDir':
      return {
        EmptyDir: {
          Medium: known.volume.medium,
          SizeLimit: known.volume.sizeLimit !== undefined ? mebibytesQuantity(known.volume.sizeLimit) : undefined,
        },
        Name: known.volume.name,
      };
    case 'hostPath':
      return { HostPath: { Path: known.volume.path }, Name: known.volume.name };
    case 'persistentVolumeClaim':
      return { Name: known.volume.name, PersistentVolumeClaim: { ClaimName: known.volume.claimName, ReadOnly: known.volume.readonlyClaim } };
    case 'secret':
      return { Name: known.volume.name, Secret: { Optional: known.volume.optional, SecretName: known.volume.secretName } };
  }
}

/** The container's mount of an EKS volume in CloudFormation names, or `undefined` for a volume that is not mounted. */
export function renderRawVolumeMount(volume: EksVolume): { [name: string]: unknown } | undefined {
  if (volume.containerPath === undefined) {
    return undefined;
  }
  return { MountPath: volume.containerPath, Name: volume.name, ReadOnly: volume.readonly, SubPath: volume.subPath };
}

/**
 * What a volume is, apart from where it is mounted: two containers of a pod that have a volume of the same
 * name share one pod volume, so their definitions must agree. `undefined` when a token hides the definition.
 */
export function volumeDefinition(known: KnownVolume): string | undefined {
  return hidesDefinition(known) ? undefined : JSON.stringify(renderRawVolume(known));
}

/** Whether a token stands for part of what the volume is. */
function hidesDefinition(known: KnownVolume): boolean {
  switch (known.kind) {
    case 'emptyDir':
      return known.volume.sizeLimit?.isUnresolved() === true;
    case 'hostPath':
      return unresolved(known.volume.path);
    case 'persistentVolumeClaim':
      return unresolved(known.volume.claimName) || unresolved(known.volume.readonlyClaim);
    case 'secret':
      return unresolved(known.volume.secretName) || unresolved(known.volume.optional);
  }
}
