import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';

/**
 * Which version of a Secrets Manager secret to read.
 */
export interface SecretVersionInfo {
  /**
   * The id of the version.
   *
   * @default - use default version id
   */
  readonly versionId?: string;

  /**
   * The staging label of the version, such as `AWSPREVIOUS`.
   *
   * @default - use default version stage
   */
  readonly versionStage?: string;
}

/**
 * A secret value handed to a container as an environment variable, read by Batch when the job starts.
 *
 * The container's execution role is granted read access to it.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/specifying-sensitive-data.html
 */
export abstract class Secret {
  /**
   * The value of an SSM Parameter Store parameter.
   */
  public static fromSsmParameter(parameter: ssm.IParameter): Secret {
    return new SsmParameterSecret(parameter);
  }

  /**
   * The value of a Secrets Manager secret, or of one field of it.
   *
   * @param secret the secret
   * @param field the JSON key of the field to read; without it, the whole secret is read
   */
  public static fromSecretsManager(secret: secretsmanager.ISecret, field?: string): Secret {
    const arn = field ? `${secret.secretArn}:${field}::` : secret.secretArn;
    return new SecretsManagerSecret(secret, arn, !!field);
  }

  /**
   * The value of one version of a Secrets Manager secret, or of one field of it.
   *
   * @param secret the secret
   * @param versionInfo the version to read
   * @param field the JSON key of the field to read; without it, the whole secret is read
   */
  public static fromSecretsManagerVersion(secret: secretsmanager.ISecret, versionInfo: SecretVersionInfo, field?: string): Secret {
    const arn = `${secret.secretArn}:${field ?? ''}:${versionInfo.versionStage ?? ''}:${versionInfo.versionId ?? ''}`;
    return new SecretsManagerSecret(secret, arn, !!field);
  }

  /**
   * The ARN Batch reads the value from (for a field or version of a Secrets Manager secret,
   * the secret's ARN followed by `:field:stage:id`).
   */
  public abstract readonly arn: string;

  /**
   * Whether one JSON field of the secret is read, rather than the whole secret.
   *
   * @default false
   */
  public abstract readonly hasField?: boolean;

  /**
   * Grants read access to the secret's value.
   */
  public abstract grantRead(grantee: iam.IGrantable): iam.Grant;
}

class SsmParameterSecret extends Secret {
  public readonly arn: string;
  public readonly hasField?: boolean = undefined;

  constructor(private readonly parameter: ssm.IParameter) {
    super();
    this.arn = parameter.parameterArn;
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.parameter.grantRead(grantee);
  }
}

class SecretsManagerSecret extends Secret {
  constructor(private readonly secret: secretsmanager.ISecret, public readonly arn: string, public readonly hasField: boolean) {
    super();
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.secret.grantRead(grantee);
  }
}
