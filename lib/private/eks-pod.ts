import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { EksContainerDefinition } from '../eks-container-definition';
import { PodSecurityContext } from '../eks-security-context';
import { checkPodRootUser, checkPodSecurityContext, renderPodSecurityContext } from './eks-security';
import { KnownVolume, renderNewerVolumeMembers, renderRawVolume, volumeDefinition } from './eks-volumes';
import { checkAnnotations, checkDnsSubdomain, checkLabels, checkPodNamespace } from './kubernetes';
import { Problem, show, unresolved } from './validation';

/*
 * The Kubernetes pod of an EKS job: its containers, init containers and pod-level settings, validated and
 * rendered the same way for a single-node job definition and for each node range of a multi-node one.
 */

/** At most this many containers, and as many init containers, in one pod (Batch API reference, `EksPodProperties`). */
export const MAX_CONTAINERS = 10;
export const MAX_INIT_CONTAINERS = 10;

/** The pod, as the job definition holds it when it renders. */
export interface Pod {
  readonly containers: EksContainerDefinition[];
  readonly initContainers: EksContainerDefinition[];
  readonly dnsPolicy?: string;
  readonly hostNetwork?: boolean;
  readonly serviceAccountName?: string;
  readonly imagePullSecrets: string[];
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
  readonly namespace?: string;
  readonly shareProcessNamespace?: boolean;
  readonly securityContext?: PodSecurityContext;
}

/** The pod-level settings that are checked when they are given. */
export interface PodSettings {
  readonly serviceAccount?: string;
  readonly imagePullSecrets?: string[];
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
  readonly kubernetesNamespace?: string;
  readonly podSecurityContext?: PodSecurityContext;
}

/** The problems of the pod-level settings, their props named after `prefix` (e.g. `nodeRanges[1].`). */
export function validatePodSettings(prefix: string, settings: PodSettings): Problem[] {
  return [
    checkDnsSubdomain(`${prefix}serviceAccount`, settings.serviceAccount),
    checkNotWholeListToken(`${prefix}imagePullSecrets`, settings.imagePullSecrets),
    ...(settings.imagePullSecrets ?? []).map((name, i) => checkImagePullSecret(`${prefix}imagePullSecrets[${i}]`, name)),
    ...checkLabels(`${prefix}labels`, settings.labels),
    ...checkAnnotations(`${prefix}annotations`, settings.annotations),
    checkPodNamespace(`${prefix}kubernetesNamespace`, settings.kubernetesNamespace),
    ...checkPodSecurityContext(`${prefix}podSecurityContext`, settings.podSecurityContext),
  ];
}

/**
 * Each image pull secret renders as an object of its own (`{ Name }`), which a token standing for the whole list
 * cannot be turned into: CloudFormation has no function that maps a list. Tokens for single names pass.
 */
function checkNotWholeListToken(prop: string, names: string[] | undefined): Problem {
  if (names !== undefined && Token.isUnresolved(names)) {
    return `${prop} must list the secret names (each may be a token), got a token for the whole list`;
  }
  return undefined;
}

/** An image pull secret needs a name (Batch API reference, `ImagePullSecret`). */
export function checkImagePullSecret(prop: string, name: string): Problem {
  if (unresolved(name)) {
    return undefined;
  }
  if (typeof name !== 'string' || name.length === 0) {
    return `${prop} must be the name of a Kubernetes secret, got ${show(name)}`;
  }
  return undefined;
}

/**
 * Warns about an image pull secret name that no Kubernetes secret can have (secret names are DNS-1123
 * subdomains): Kubernetes accepts the pod and the kubelet pulls without the secret.
 */
export function warnImagePullSecret(scope: IConstruct, prop: string, name: string): void {
  if (checkImagePullSecret(prop, name) === undefined && checkDnsSubdomain(prop, name) !== undefined) {
    Annotations.of(scope).addWarningV2('@aws-cdk/aws-batch-alpha:imagePullSecretName',
      `${prop} is not a DNS-1123 subdomain, so no Kubernetes secret can have it: the image is pulled without it, got ${show(name)}`);
  }
}

/** The problems of the pod as a whole, its props named after `prefix`: what `add*()` can still change. */
export function validatePod(prefix: string, pod: Pod): Problem[] {
  const problems: Problem[] = [];
  if (pod.containers.length > MAX_CONTAINERS) {
    problems.push(`${prefix}containers must hold at most ${MAX_CONTAINERS} containers, got ${pod.containers.length}`);
  }
  if (pod.initContainers.length > MAX_INIT_CONTAINERS) {
    problems.push(`${prefix}initContainers must hold at most ${MAX_INIT_CONTAINERS} containers, got ${pod.initContainers.length}`);
  }

  // every container of the pod, init containers included, has a name of its own; Batch names an unnamed one 'Default'
  const named = new Map<string, string>();
  for (const [where, container] of labelled(prefix, pod)) {
    const name = container.name ?? 'Default';
    if (unresolved(name)) {
      continue;
    }
    const first = named.get(name);
    if (first !== undefined) {
      problems.push(container.name === undefined
        ? `${where}.name must be set: ${first} is unnamed too, and Batch names both 'Default', got no name`
        : `${where}.name must be unique among the containers and init containers of the pod, got ${show(name)} which ${first} already has`);
    } else {
      named.set(name, where);
    }
  }

  // a volume name is one pod volume: every container that has it must define it alike
  const defined = new Map<string, { where: string; definition?: string }>();
  for (const [where, container] of labelled(prefix, pod)) {
    container._knownVolumes.forEach((known, i) => {
      const volume = known.volume;
      if (unresolved(volume.name)) {
        return;
      }
      const definition = volumeDefinition(known);
      const first = defined.get(volume.name);
      if (first === undefined) {
        defined.set(volume.name, { where: `${where}.volumes[${i}]`, definition });
      } else if (first.definition !== undefined && definition !== undefined && first.definition !== definition) {
        problems.push(`${where}.volumes[${i}] must be defined as ${first.where} is, as volumes of the same name are one pod volume, got another ${show(volume.name)} volume`);
      }
    });
  }

  // a container takes the pod's user unless it sets its own, and always sets RunAsNonRoot itself
  problems.push(checkPodRootUser(`${prefix}podSecurityContext`, pod.securityContext, labelled(prefix, pod)));
  return problems;
}

/**
 * The warnings about the pod as a whole, its props named after `prefix`: a pod-level `runAsNonRoot: false` that the
 * containers override, as each sets `RunAsNonRoot` itself (true unless `runAsRoot: true`).
 */
export function podWarnings(prefix: string, pod: Pod): Array<[string, string] | undefined> {
  if (pod.securityContext?.runAsNonRoot !== false) {
    return [];
  }
  const overriding = labelled(prefix, pod).filter(([, c]) => c.runAsRoot !== true).map(([where]) => where);
  if (overriding.length === 0) {
    return [];
  }
  return [['eksPodRunAsNonRootOverridden', `${prefix}podSecurityContext.runAsNonRoot false does not apply to ${overriding.join(', ')}: `
    + 'a container\'s own setting overrides the pod\'s, and a container without runAsRoot: true must run as a non-root user; '
    + 'set runAsRoot: true on the containers that may run as root']];
}

/** Each container of the pod with the name of the prop it is in (`containers[1]`, `initContainers[0]`). */
function labelled(prefix: string, pod: Pod): Array<[string, EksContainerDefinition]> {
  return [
    ...pod.containers.map((c, i): [string, EksContainerDefinition] => [`${prefix}containers[${i}]`, c]),
    ...pod.initContainers.map((c, i): [string, EksContainerDefinition] => [`${prefix}initContainers[${i}]`, c]),
  ];
}

/** The volumes of the pod: those of every container, each name once (the first container's definition). */
export function podVolumes(pod: Pod): KnownVolume[] {
  const byName = new Map<string, KnownVolume>();
  for (const container of [...pod.containers, ...pod.initContainers]) {
    for (const known of container._knownVolumes) {
      if (!byName.has(known.volume.name)) {
        byName.set(known.volume.name, known);
      }
    }
  }
  return [...byName.values()];
}

/**
 * The members of the pod's containers and volumes that aws-cdk-lib 2.95.1's L1 does not have, in CloudFormation
 * names: each list element by element, aligned with the lists the L1 renders (`{}` for an element without any),
 * and left out when no element has any.
 */
export function renderNewerContainerMembers(pod: Pod): { [name: string]: unknown } {
  const containers = pod.containers.map((c) => c._renderNewerMembers());
  const volumes = podVolumes(pod).map(renderNewerVolumeMembers);
  return {
    Containers: containers.some((c) => c !== undefined) ? containers.map((c) => c ?? {}) : undefined,
    Volumes: volumes.some((v) => v !== undefined) ? volumes.map((v) => v ?? {}) : undefined,
  };
}

/** The pod-level members that aws-cdk-lib 2.95.1's L1 does not have, in CloudFormation names. */
export function renderNewerPodMembers(pod: Pod): { [name: string]: unknown } {
  return {
    ImagePullSecrets: pod.imagePullSecrets.length > 0 ? pod.imagePullSecrets.map((name) => ({ Name: name })) : undefined,
    InitContainers: pod.initContainers.length > 0 ? pod.initContainers.map((c) => c._renderRawContainer()) : undefined,
    Metadata: renderMetadata(pod),
    SecurityContext: renderPodSecurityContext(pod.securityContext),
    ShareProcessNamespace: pod.shareProcessNamespace,
  };
}

/** The whole pod (`PodProperties`) in CloudFormation names, members in the order the L1 renders them. */
export function renderRawPod(pod: Pod): { [name: string]: unknown } {
  const volumes = podVolumes(pod);
  const newer = renderNewerPodMembers(pod);
  return withoutUndefined({
    Containers: pod.containers.map((c) => c._renderRawContainer()),
    DnsPolicy: pod.dnsPolicy,
    HostNetwork: pod.hostNetwork,
    ImagePullSecrets: newer.ImagePullSecrets,
    InitContainers: newer.InitContainers,
    Metadata: newer.Metadata,
    SecurityContext: newer.SecurityContext,
    ServiceAccountName: pod.serviceAccountName,
    ShareProcessNamespace: newer.ShareProcessNamespace,
    Volumes: volumes.length > 0 ? volumes.map(renderRawVolume) : undefined,
  });
}

function renderMetadata(pod: Pod): { [name: string]: unknown } | undefined {
  const metadata = withoutUndefined({
    Annotations: nonEmptyMap(pod.annotations),
    Labels: nonEmptyMap(pod.labels),
    Namespace: pod.namespace,
  });
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

function nonEmptyMap(map: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (map === undefined || Token.isUnresolved(map)) {
    return map;
  }
  return Object.keys(map).length > 0 ? map : undefined;
}

function withoutUndefined(members: { [name: string]: unknown }): { [name: string]: unknown } {
  return Object.fromEntries(Object.entries(members).filter(([, v]) => v !== undefined));
}
