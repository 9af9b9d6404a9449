import { Problem, show, unresolved } from './validation';

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

/** A path that must not be empty. */
export function checkNonEmpty(prop: string, value: string | undefined): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  if (value.length === 0) {
    return `${prop} must not be empty, got ''`;
  }
  return undefined;
}

/** The problems with entries of a list that share a key: every repeat is named with the index it repeats. */
export function checkUnique<T>(prop: string, items: T[], key: (item: T) => string | undefined, what: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined || unresolved(k)) {
      return;
    }
    const previous = seen.get(k);
    if (previous !== undefined) {
      problems.push(`${prop}[${i}].${what} must be unique, got ${show(k)} which ${prop}[${previous}] already has`);
    } else {
      seen.set(k, i);
    }
  });
  return problems;
}
