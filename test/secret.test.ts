import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Secret } from '../lib';
import { newStack } from './util';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';

function setup() {
  const stack = newStack();
  const secret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Db', SECRET_ARN);
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  return { stack, secret, role };
}

describe('Secret', () => {
  test.each([
    ['the whole secret', undefined, SECRET_ARN, false],
    ['one field', 'password', `${SECRET_ARN}:password::`, true],
  ])('fromSecretsManager: %s', (_name, field, arn, hasField) => {
    const { secret } = setup();
    const value = Secret.fromSecretsManager(secret, field);
    expect(value.arn).toBe(arn);
    expect(value.hasField).toBe(hasField);
  });

  test.each([
    ['a stage', { versionStage: 'AWSPREVIOUS' }, undefined, `${SECRET_ARN}::AWSPREVIOUS:`, false],
    ['an id and a field', { versionId: 'v-1' }, 'user', `${SECRET_ARN}:user::v-1`, true],
    ['a stage, an id and a field', { versionStage: 'AWSCURRENT', versionId: 'v-2' }, 'user', `${SECRET_ARN}:user:AWSCURRENT:v-2`, true],
  ])('fromSecretsManagerVersion with %s', (_name, version, field, arn, hasField) => {
    const { secret } = setup();
    const value = Secret.fromSecretsManagerVersion(secret, version, field);
    expect(value.arn).toBe(arn);
    expect(value.hasField).toBe(hasField);
  });

  test('fromSsmParameter reads the parameter ARN and has no field', () => {
    const stack = newStack();
    const parameter = ssm.StringParameter.fromStringParameterName(stack, 'P', 'token');
    const value = Secret.fromSsmParameter(parameter);
    expect(value.arn).toBe(parameter.parameterArn);
    expect(value.hasField).toBeUndefined();
  });

  test('grantRead of a Secrets Manager value grants reading the secret', () => {
    const { stack, secret, role } = setup();
    Secret.fromSecretsManager(secret, 'password').grantRead(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: SECRET_ARN }] },
    });
  });

  test('grantRead of an SSM parameter grants reading the parameter', () => {
    const { stack, role } = setup();
    const parameter = ssm.StringParameter.fromStringParameterName(stack, 'P', 'token');
    const grant = Secret.fromSsmParameter(parameter).grantRead(role);
    expect(grant.success).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: ['ssm:DescribeParameters', 'ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory'], Effect: 'Allow' }] },
    });
  });
});
