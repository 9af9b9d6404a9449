import { Token, Tokenization } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * The version of a launch template that a compute environment launches instances with.
 *
 * Without a version Batch uses the template's default version, so a new version of the template
 * reaches the environment only once it is made the default. `LaunchTemplateVersion.latest()` or
 * `latestVersionNumberOf(template)` make every template change reach it; with a number, a change
 * of the template is an update of the environment (an infrastructure update).
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/launch-templates.html
 */
export class LaunchTemplateVersion {
  /**
   * `$Latest`: the newest version of the template, evaluated again at each infrastructure update.
   */
  public static latest(): LaunchTemplateVersion {
    return new LaunchTemplateVersion('$Latest');
  }

  /**
   * `$Default`: the template's default version, evaluated again at each infrastructure update
   * (what Batch uses when no version is given).
   */
  public static defaultVersion(): LaunchTemplateVersion {
    return new LaunchTemplateVersion('$Default');
  }

  /**
   * A version number of the template (a whole number, at least 1, or a token).
   */
  public static of(versionNumber: number): LaunchTemplateVersion {
    // a number token becomes a string token: the template needs a string
    const version = Token.isUnresolved(versionNumber) ? Tokenization.stringifyNumber(versionNumber) : String(versionNumber);
    return new LaunchTemplateVersion(version, versionNumber);
  }

  /**
   * The template's latest version number as CloudFormation knows it (`Fn::GetAtt LatestVersionNumber`):
   * every change of the template in the same stack updates the compute environment to it.
   */
  public static latestVersionNumberOf(launchTemplate: ec2.LaunchTemplate): LaunchTemplateVersion {
    return new LaunchTemplateVersion(launchTemplate.latestVersionNumber);
  }

  /**
   * The template's default version number as CloudFormation knows it (`Fn::GetAtt DefaultVersionNumber`).
   */
  public static defaultVersionNumberOf(launchTemplate: ec2.LaunchTemplate): LaunchTemplateVersion {
    return new LaunchTemplateVersion(launchTemplate.defaultVersionNumber);
  }

  /**
   * Whether `x` is a `LaunchTemplateVersion`.
   */
  public static isLaunchTemplateVersion(x: any): x is LaunchTemplateVersion {
    return x !== null && typeof x === 'object' && VERSION_BRAND in x;
  }

  /**
   * The version as the template renders it: `$Latest`, `$Default` or a number.
   */
  public readonly version: string;

  /**
   * The version number, when given with `of()`.
   *
   * @default - not a number given with `of()`
   */
  public readonly versionNumber?: number;

  private constructor(version: string, versionNumber?: number) {
    this.version = version;
    this.versionNumber = versionNumber;
    Object.defineProperty(this, VERSION_BRAND, { value: true });
  }
}

const VERSION_BRAND = Symbol.for('@aws-cdk/aws-batch-alpha.LaunchTemplateVersion');

/**
 * How an EKS node initializes itself from the user data of its launch template.
 */
export enum UserdataType {
  /**
   * The `bootstrap.sh` script of the EKS-optimized Amazon Linux 2 images (Batch's default).
   */
  EKS_BOOTSTRAP_SH = 'EKS_BOOTSTRAP_SH',

  /**
   * `nodeadm`, which images based on EKS Amazon Linux 2023 require.
   */
  EKS_NODEADM = 'EKS_NODEADM',
}

/**
 * A launch template that replaces the environment's launch template for some instance types.
 *
 * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_LaunchTemplateSpecificationOverride.html
 */
export interface LaunchTemplateOverride {
  /**
   * The launch template for these instance types (given by id, or imported by name).
   */
  readonly launchTemplate: ec2.ILaunchTemplate;

  /**
   * The instance types and families the template is used for.
   *
   * At least one; each must be among the environment's instance types or classes (a type may
   * also belong to one of its classes), not `optimal` nor a default class, and no type or
   * family may be targeted by two overrides.
   */
  readonly targetInstanceTypes: ec2.InstanceType[];

  /**
   * The version of the template.
   *
   * @default - the template's default version
   */
  readonly version?: LaunchTemplateVersion;

  /**
   * How EKS nodes of these instance types initialize themselves. EKS compute environments only.
   *
   * @default - Batch's default, `EKS_BOOTSTRAP_SH`
   */
  readonly userdataType?: UserdataType;
}
