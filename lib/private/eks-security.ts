import { Token } from 'aws-cdk-lib';
import type { EksContainerDefinition } from '../eks-container-definition';
import { LinuxCapabilities, PodSecurityContext, SeccompProfile, SeccompProfileType } from '../eks-security-context';
import { checkDescendingPath } from './kubernetes';
import { checkRange, MAX_INTEGER, Problem, show, unresolved } from './validation';

/*
 * Checks and rendering of the security settings of EKS pods and containers that are newer than aws-cdk-lib
 * 2.95.1's L1: seccomp profiles, Linux capabilities and the pod security context.
 *
 * The limits are the Batch API reference's (`EksSeccompProfile`, `EksContainerLinuxCapabilities`,
 * `EksPodSecurityContext`); the descending path of a `Localhost` profile is Kubernetes' rule (`SeccompProfile`).
 */

const SECCOMP_TYPES: string[] = [SeccompProfileType.RUNTIME_DEFAULT, SeccompProfileType.LOCALHOST, SeccompProfileType.UNCONFINED];
const MAX_LOCALHOST_PROFILE = 4095;
const MAX_CAPABILITIES = 64;
const MAX_CAPABILITY_NAME = 128;

/** The problems of a seccomp profile, named `prop`: also one not made by the factories (from JavaScript). */
export function checkSeccompProfile(prop: string, profile: SeccompProfile | undefined): Problem[] {
  if (profile === undefined) {
    return [];
  }
  const type: unknown = profile.type;
  const path = profile.localhostProfile;
  if (!unresolved(type) && !SECCOMP_TYPES.includes(type as string)) {
    return [`${prop}.type must be one of ${SECCOMP_TYPES.join(', ')}, got ${show(type)}`];
  }
  if (unresolved(type)) {
    return [];
  }
  if (type !== SeccompProfileType.LOCALHOST) {
    return path === undefined ? [] : [`${prop}.localhostProfile must be set only for a ${SeccompProfileType.LOCALHOST} profile, got ${show(path)}`];
  }
  if (path === undefined) {
    return [`${prop}.localhostProfile must be set for a ${SeccompProfileType.LOCALHOST} profile, got none`];
  }
  if (unresolved(path)) {
    return [];
  }
  if (typeof path !== 'string' || path.length < 1 || path.length > MAX_LOCALHOST_PROFILE) {
    return [`${prop}.localhostProfile must be 1 to ${MAX_LOCALHOST_PROFILE} characters, got ${typeof path === 'string' ? `${path.length} characters` : show(path)}`];
  }
  return [checkDescendingPath(`${prop}.localhostProfile`, path)];
}

/** The problems of the capabilities of a container: at most 64 names in each list, each 1 to 128 characters. */
export function checkCapabilities(prop: string, capabilities: LinuxCapabilities | undefined): Problem[] {
  if (capabilities === undefined) {
    return [];
  }
  return (['add', 'drop'] as const).flatMap((member): Problem[] => {
    const names = capabilities[member];
    if (names === undefined || unresolved(names)) {
      return [];
    }
    const problems: Problem[] = [];
    if (names.length > MAX_CAPABILITIES) {
      problems.push(`${prop}.${member} must hold at most ${MAX_CAPABILITIES} capabilities, got ${names.length}`);
    }
    names.forEach((name, i) => {
      if (!unresolved(name) && (typeof name !== 'string' || name.length < 1 || name.length > MAX_CAPABILITY_NAME)) {
        problems.push(`${prop}.${member}[${i}] must be 1 to ${MAX_CAPABILITY_NAME} characters, got ${show(name)}`);
      }
    });
    return problems;
  });
}

/**
 * The capability names given with the `CAP_` prefix (any case), each as `<prop>.<list>[i]`: Batch asks for names
 * without it, and a runtime that adds the prefix itself would look for `CAP_CAP_...`.
 */
export function prefixedCapabilities(prop: string, capabilities: LinuxCapabilities | undefined): string[] {
  if (capabilities === undefined) {
    return [];
  }
  return (['add', 'drop'] as const).flatMap((member) => {
    const names = capabilities[member];
    if (names === undefined || unresolved(names)) {
      return [];
    }
    return names.flatMap((name, i) => (typeof name === 'string' && !unresolved(name) && /^cap_/i.test(name)
      ? [`${prop}.${member}[${i}] ${show(name)}`] : []));
  });
}

/** The problems of a pod security context, named after `prop` (`podSecurityContext`, `nodeRanges[1].podSecurityContext`). */
export function checkPodSecurityContext(prop: string, context: PodSecurityContext | undefined): Problem[] {
  if (context === undefined) {
    return [];
  }
  return [
    checkRange(`${prop}.fsGroup`, context.fsGroup, 0, MAX_INTEGER, true),
    checkRange(`${prop}.runAsUser`, context.runAsUser, 0, MAX_INTEGER, true),
    checkRange(`${prop}.runAsGroup`, context.runAsGroup, 0, MAX_INTEGER, true),
    ...checkSeccompProfile(`${prop}.seccompProfile`, context.seccompProfile),
  ];
}

/**
 * The containers (`containers[1]`, ...) that take the pod's user and must run as a non-root user: every container
 * of this library sets `RunAsNonRoot` itself (true unless `runAsRoot: true`), which overrides the pod's.
 */
export function nonRootContainersWithoutUser(labelled: Array<[string, EksContainerDefinition]>): string[] {
  return labelled.filter(([, c]) => c.runAsRoot !== true && c.runAsUser === undefined).map(([where]) => where);
}

/** The problem of a pod user 0 (root) that containers which must run as a non-root user take: they never start. */
export function checkPodRootUser(prop: string, context: PodSecurityContext | undefined,
  labelled: Array<[string, EksContainerDefinition]>): Problem {
  if (context?.runAsUser !== 0) {
    return undefined;
  }
  const containers = nonRootContainersWithoutUser(labelled);
  if (containers.length === 0) {
    return undefined;
  }
  return `${prop}.runAsUser must not be 0 (root) while a container that sets no runAsUser of its own must run as a non-root user `
    + `(runAsRoot is not true: ${containers.join(', ')}; Kubernetes refuses to start it), got 0`;
}

/** A seccomp profile in CloudFormation names. */
export function renderSeccompProfile(profile: SeccompProfile | undefined): { [name: string]: unknown } | undefined {
  if (profile === undefined) {
    return undefined;
  }
  return { LocalhostProfile: profile.localhostProfile, Type: profile.type };
}

/** Capabilities in CloudFormation names; empty lists and an empty struct render nothing. */
export function renderCapabilities(capabilities: LinuxCapabilities | undefined): { [name: string]: unknown } | undefined {
  if (capabilities === undefined) {
    return undefined;
  }
  const list = (names: string[] | undefined) => (names === undefined || Token.isUnresolved(names) || names.length > 0 ? names : undefined);
  const rendered = { Add: list(capabilities.add), Drop: list(capabilities.drop) };
  return rendered.Add === undefined && rendered.Drop === undefined ? undefined : rendered;
}

/** A pod security context in CloudFormation names, members in the order the L1 renders them; nothing when empty. */
export function renderPodSecurityContext(context: PodSecurityContext | undefined): { [name: string]: unknown } | undefined {
  if (context === undefined) {
    return undefined;
  }
  const rendered: { [name: string]: unknown } = {
    FsGroup: context.fsGroup,
    RunAsGroup: context.runAsGroup,
    RunAsNonRoot: context.runAsNonRoot,
    RunAsUser: context.runAsUser,
    SeccompProfile: renderSeccompProfile(context.seccompProfile),
  };
  return Object.values(rendered).some((v) => v !== undefined) ? rendered : undefined;
}
