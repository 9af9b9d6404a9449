import { Problem, show, unresolved } from './validation';

// The generic checks live in ./validation; these names stay for the Kubernetes validators.
export { checkNotEmpty as checkNonEmpty, checkUnique } from './validation';

/**
 * Validators for the names and values Kubernetes itself checks when Batch creates a job's pod.
 *
 * A value Kubernetes rejects fails every job of the definition at run time, so it is rejected at synth.
 */

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_LABEL_MAX = 63;
const DNS_1123_SUBDOMAIN_MAX = 253;

/** A DNS-1123 label (container and volume names): up to 63 lower-case letters, digits and hyphens, alphanumeric at both ends. */
export function checkDnsLabel(prop: string, value: string | undefined): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  if (value.length > DNS_1123_LABEL_MAX || !DNS_1123_LABEL.test(value)) {
    return `${prop} must be a DNS-1123 label (1 to ${DNS_1123_LABEL_MAX} lower-case letters, digits and hyphens, starting and ending with a letter or digit), got ${show(value)}`;
  }
  return undefined;
}

/** A DNS-1123 subdomain (secret and service account names): dot-separated DNS-1123 labels, up to 253 characters. */
export function checkDnsSubdomain(prop: string, value: string | undefined): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  if (value.length > DNS_1123_SUBDOMAIN_MAX || !value.split('.').every((label) => DNS_1123_LABEL.test(label))) {
    return `${prop} must be a DNS-1123 subdomain (1 to ${DNS_1123_SUBDOMAIN_MAX} lower-case letters, digits, hyphens and periods, each period-separated part starting and ending with a letter or digit), got ${show(value)}`;
  }
  return undefined;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE_MAX = 63;
const ANNOTATION_VALUE_MAX = 255;

/**
 * Why a label or annotation key is not a Kubernetes qualified name (`[prefix/]name`), or `undefined` when it is.
 *
 * As `IsQualifiedName` of `k8s.io/apimachinery/pkg/util/validation` checks it: the name up to 63 letters,
 * digits, `-`, `_` and `.`, alphanumeric at both ends; the optional prefix a DNS-1123 subdomain.
 */
function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) {
    return 'at most one \'/\'';
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2 && checkDnsSubdomain('prefix', parts[0]) !== undefined) {
    return `a prefix (before '/') that is a DNS-1123 subdomain of at most ${DNS_1123_SUBDOMAIN_MAX} characters`;
  }
  if (name.length > QUALIFIED_NAME_MAX || !QUALIFIED_NAME.test(name)) {
    return `a name of 1 to ${QUALIFIED_NAME_MAX} letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/**
 * Pod labels, as Kubernetes validates them (`ValidateLabels`): every key a qualified name, every value
 * empty or up to 63 letters, digits, `-`, `_` and `.`, alphanumeric at both ends.
 */
export function checkLabels(prop: string, labels: { [key: string]: string } | undefined): Problem[] {
  if (labels === undefined || unresolved(labels)) {
    return [];
  }
  return Object.entries(labels).flatMap(([key, value]): Problem[] => {
    const problems: Problem[] = [];
    const keyProblem = unresolved(key) ? undefined : qualifiedNameProblem(key);
    if (keyProblem !== undefined) {
      problems.push(`${prop} keys must be qualified names (${keyProblem}), got ${show(key)}`);
    }
    if (!unresolved(value) && (typeof value !== 'string' || value.length > LABEL_VALUE_MAX || !LABEL_VALUE.test(value))) {
      problems.push(`${prop}[${show(key)}] must be empty or 1 to ${LABEL_VALUE_MAX} letters, digits, '-', '_' and '.', starting and ending with a letter or digit, got ${show(value)}`);
    }
    return problems;
  });
}

/**
 * Pod annotations: keys are qualified names (Kubernetes' `ValidateAnnotations` checks them in lower case),
 * values at most 255 characters (the Batch API reference, `EksMetadata`).
 */
export function checkAnnotations(prop: string, annotations: { [key: string]: string } | undefined): Problem[] {
  if (annotations === undefined || unresolved(annotations)) {
    return [];
  }
  return Object.entries(annotations).flatMap(([key, value]): Problem[] => {
    const problems: Problem[] = [];
    const keyProblem = unresolved(key) ? undefined : qualifiedNameProblem(key.toLowerCase());
    if (keyProblem !== undefined) {
      problems.push(`${prop} keys must be qualified names (${keyProblem}), got ${show(key)}`);
    }
    if (!unresolved(value) && (typeof value !== 'string' || value.length > ANNOTATION_VALUE_MAX)) {
      problems.push(`${prop}[${show(key)}] must be at most ${ANNOTATION_VALUE_MAX} characters, got ${typeof value === 'string' ? `${value.length} characters` : show(value)}`);
    }
    return problems;
  });
}

/**
 * A path inside a volume (`subPath`), as Kubernetes' `validateLocalDescendingPath` checks it: relative, and
 * without a `..` element.
 */
export function checkDescendingPath(prop: string, value: string | undefined): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  if (value.startsWith('/')) {
    return `${prop} must be a relative path, got ${show(value)}`;
  }
  if (value.split('/').includes('..')) {
    return `${prop} must not contain a '..' element, got ${show(value)}`;
  }
  return undefined;
}

/**
 * The namespace of a job's pod, as the Batch API reference (`EksMetadata`) requires it: a DNS-1123 label,
 * not `default`, not starting with `kube`.
 */
export function checkPodNamespace(prop: string, value: string | undefined): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  if (value.length > DNS_1123_LABEL_MAX || !DNS_1123_LABEL.test(value) || value === 'default' || value.startsWith('kube')) {
    return `${prop} must be a DNS-1123 label of 1 to ${DNS_1123_LABEL_MAX} characters, not 'default' and not starting with 'kube', got ${show(value)}`;
  }
  return undefined;
}
