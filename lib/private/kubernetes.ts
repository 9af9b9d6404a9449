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
