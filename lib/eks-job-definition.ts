import { Lazy } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { Construct } from 'constructs';
import { EksContainerDefinition } from './eks-container-definition';
import { IJobDefinition, JobDefinitionBase, JobDefinitionProps } from './job-definition-base';
import { ImportedJobDefinition } from './private/import-job-definition';
import { importedResourceError } from './private/imported-arn';
import { checkDnsSubdomain } from './private/kubernetes';
import { throwIfInvalid } from './private/validation';

/**
 * How the pod of an EKS job resolves DNS names.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
 */
export enum DnsPolicy {
  /**
   * The pod uses the DNS configuration of the node it runs on.
   */
  DEFAULT = 'Default',

  /**
   * Names in the cluster's domain are resolved by the cluster's DNS; other names are forwarded
   * to the upstream name servers. A pod on the host network that asks for this policy gets
   * `DEFAULT` instead.
   */
  CLUSTER_FIRST = 'ClusterFirst',

  /**
   * `CLUSTER_FIRST` for a pod on the host network.
   */
  CLUSTER_FIRST_WITH_HOST_NET = 'ClusterFirstWithHostNet',
}

/**
 * A job definition whose jobs run as Kubernetes pods on an EKS cluster.
 */
export interface IEksJobDefinition extends IJobDefinition {
  /**
   * The container of the job's pod.
   */
  readonly container: EksContainerDefinition;

  /**
   * How the job's pod resolves DNS names.
   *
   * @default DnsPolicy.CLUSTER_FIRST
   */
  readonly dnsPolicy?: DnsPolicy;

  /**
   * The Kubernetes service account the job's pod runs as.
   *
   * @default - the default service account of the container
   */
  readonly serviceAccount?: string;

  /**
   * Whether the job's pod uses the network of the node it runs on, rather than an IP address of its own.
   *
   * @default true
   */
  readonly useHostNetwork?: boolean;
}

/**
 * Props to create an EKS job definition.
 */
export interface EksJobDefinitionProps extends JobDefinitionProps {
  /**
   * The container of the job's pod.
   */
  readonly container: EksContainerDefinition;

  /**
   * How the job's pod resolves DNS names.
   *
   * When unset, Batch leaves the choice to Kubernetes: `ClusterFirstWithHostNet` for a pod on
   * the host network (the default), `ClusterFirst` otherwise.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksPodProperties.html
   * @default DnsPolicy.CLUSTER_FIRST
   */
  readonly dnsPolicy?: DnsPolicy;

  /**
   * The Kubernetes service account the job's pod runs as.
   *
   * A DNS-1123 subdomain. Map it to an IAM role (IAM roles for service accounts) to give
   * the job AWS permissions.
   *
   * @see https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html
   * @default - the default service account of the container
   */
  readonly serviceAccount?: string;

  /**
   * Whether the job's pod uses the network of the node it runs on, rather than an IP address of its own.
   *
   * The host network spares the cluster an IP address per pod, which suits jobs that only
   * make outgoing connections. `false` gives the pod the Kubernetes pod network.
   *
   * @see https://kubernetes.io/docs/concepts/security/pod-security-policy/#host-namespaces
   * @default true
   */
  readonly useHostNetwork?: boolean;
}

const KIND = 'EksJobDefinition';

/**
 * A job definition whose jobs run as Kubernetes pods on an EKS cluster, through an EKS compute environment.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/eks-job-definitions.html
 * @resource AWS::Batch::JobDefinition
 */
export class EksJobDefinition extends JobDefinitionBase implements IEksJobDefinition {
  /**
   * Imports an EKS job definition by its ARN.
   *
   * The ARN may end in a revision (`:3`); the name is what comes before it.
   */
  public static fromEksJobDefinitionArn(scope: Construct, id: string, eksJobDefinitionArn: string): IEksJobDefinition {
    class Import extends ImportedJobDefinition implements IEksJobDefinition {
      public readonly dnsPolicy?: DnsPolicy;
      public readonly serviceAccount?: string;
      public readonly useHostNetwork?: boolean;

      public get container(): EksContainerDefinition {
        throw importedResourceError(KIND, this, 'container', 'an imported job definition has no container definition');
      }
    }
    return new Import(scope, id, KIND, 'eksJobDefinitionArn', eksJobDefinitionArn);
  }

  public readonly container: EksContainerDefinition;
  public readonly dnsPolicy?: DnsPolicy;
  public readonly serviceAccount?: string;
  public readonly useHostNetwork?: boolean;
  public readonly jobDefinitionArn: string;

  constructor(scope: Construct, id: string, props: EksJobDefinitionProps) {
    super(scope, id, KIND, props);

    throwIfInvalid(KIND, this, [checkDnsSubdomain('serviceAccount', props.serviceAccount)]);

    this.container = props.container;
    this.dnsPolicy = props.dnsPolicy;
    this.serviceAccount = props.serviceAccount;
    this.useHostNetwork = props.useHostNetwork;

    const resource = new CfnJobDefinition(this, 'Resource', {
      ...this._renderCommonProperties(),
      type: 'container',
      eksProperties: {
        podProperties: {
          containers: [this.container._renderContainer()],
          dnsPolicy: this.dnsPolicy,
          hostNetwork: this.useHostNetwork,
          serviceAccountName: this.serviceAccount,
          volumes: Lazy.any({ produce: () => this.container._renderVolumes() }, { omitEmptyArray: true }),
        },
      },
    });

    this.jobDefinitionArn = this._arnOf(resource);
  }
}
