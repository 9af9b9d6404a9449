/**
 * Batch and IAM resources whose template may differ between aws-cdk-lib 2.95.1 and the newest release,
 * because aws-cdk-lib itself makes them and changed how (the library renders nothing in them).
 * Matched on the resource's owner (see `ownerOf()` in compare.ts). Every resource of this library,
 * and every resource of a test or an aws-cdk-lib construct not listed here, must be equal.
 */
export const ALLOWED_DIFFERENCES: ReadonlyArray<{ owner: string; reason: string }> = [
];
