/**
 * Batch and IAM resources whose template may differ between aws-cdk-lib 2.95.1 and the newest release,
 * because aws-cdk-lib itself makes them and changed how (the library renders nothing in them).
 * Matched on the resource's owner (see `ownerOf()` in compare.ts) and type. Every resource of this library,
 * and every resource of a test or an aws-cdk-lib construct not listed here, must be equal.
 */
export const ALLOWED_DIFFERENCES: ReadonlyArray<{ owner: string; type: string; reason: string }> = [
  {
    owner: 'aws-cdk-lib.aws_stepfunctions.StateMachine',
    type: 'AWS::IAM::Role',
    reason: 'the trust policy of a state machine\'s own role (test/integrations.test.ts): newer aws-cdk-lib writes the '
      + 'plain `states.amazonaws.com` principal where 2.95.1 looks it up in a region map, and adds `aws:SourceArn` and '
      + '`aws:SourceAccount` conditions. The role\'s policy, which holds the grants of this library, is compared',
  },
];
