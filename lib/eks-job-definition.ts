import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IConsumableResource } from './consumable-resource';
import { EksContainerDefinition } from './eks-container-definition';
import { PodSecurityContext } from './eks-security-context';
import { GrantSubmitJobOptions, IJobDefinition, JobDefinitionBase, JobDefinitionProps, RetryStrategy } from './job-definition-base';
import {
  checkImagePullSecret, Pod, podVolumes, podWarnings, renderNewerContainerMembers, renderNewerPodMembers, validatePod, validatePodSettings,
  warnImagePullSecret,
} from './private/eks-pod';
import { renderVolume } from './private/eks-volumes';
import { IJobQueue } from './job-queue';
import { ImportedJobDefinition } from './private/import-job-definition';
import { importedResourceError } from './private/imported-arn';
import { lazyAny } from './private/lazy-any';
import { JobDefinitionL1, Placement, renderNewerPropertyLazily } from './private/newer-cfn';
import { applyPropertyInjectors } from './private/property-injection';
import { addValidation, addWarnings, throwIfInvalid } from './private/validation';

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
 * The Kubernetes pod that runs a job on EKS: its containers and pod-level settings.
 */
export interface EksPodOptions {
  /**
   * The container of the job's pod.
   *
   * The first of the pod's containers.
   */
  readonly container: EksContainerDefinition;

  /**
   * More containers of the job's pod, which run alongside `container` and share the pod's network.
   *
   * At most 10 containers in all (`container` included). Every container of the pod, init
   * containers included, needs a name of its own: Batch names an unnamed one `Default`.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksPodProperties.html
   * @default - `container` only
   */
  readonly additionalContainers?: EksContainerDefinition[];

  /**
   * Containers that run one after the other, each to completion, before the pod's containers start.
   *
   * At most 10. A failing init container fails the job. They see the pod's volumes, so they can
   * fetch data into an `emptyDir` volume that the containers then read.
   *
   * @see https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
   * @default - no init containers
   */
  readonly initContainers?: EksContainerDefinition[];

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

  /**
   * The names of Kubernetes secrets (of type `kubernetes.io/dockerconfigjson`) with which the
   * kubelet pulls the images of the pod's containers from private registries.
   *
   * The secrets must exist in the namespace the pod runs in. A name that no secret can have (not
   * a DNS-1123 subdomain) is ignored by Kubernetes, and warned about.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/
   * @default - the images are pulled with the node's credentials only
   */
  readonly imagePullSecrets?: string[];

  /**
   * Labels of the job's pod.
   *
   * Keys are qualified names (`[prefix/]name`: the name up to 63 letters, digits, `-`, `_` and
   * `.`, the prefix a DNS-1123 subdomain); values are empty or up to 63 of the same characters.
   * Both start and end with a letter or digit. Batch adds labels of its own.
   *
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
   * @default - only the labels Batch adds
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the job's pod: metadata for tools, which Kubernetes does not interpret.
   *
   * Keys are qualified names, as for `labels`; values are at most 255 characters.
   *
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/
   * @default - only the annotations Batch adds
   */
  readonly annotations?: { [key: string]: string };

  /**
   * The Kubernetes namespace the job's pod runs in.
   *
   * A DNS-1123 label, not `default`, not starting with `kube`. It may differ from the
   * `kubernetesNamespace` of the compute environment, but needs the same RBAC roles there.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksMetadata.html
   * @default - the namespace of the compute environment
   */
  readonly kubernetesNamespace?: string;

  /**
   * Whether the containers of the pod share one process namespace, each seeing (and able to
   * signal) the processes of the others.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
   * @default false
   */
  readonly shareProcessNamespace?: boolean;

  /**
   * The security settings of the pod: its containers' defaults for the user, group and seccomp
   * profile, and the group (`fsGroup`) that owns its volumes.
   *
   * A container's own setting wins over the pod's. A pod `runAsUser` of 0 needs `runAsRoot: true`
   * on every container that sets no `runAsUser` of its own.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksPodSecurityContext.html
   * @default - no pod-level security settings
   */
  readonly podSecurityContext?: PodSecurityContext;
}

/**
 * Props to create an EKS job definition.
 */
export interface EksJobDefinitionProps extends JobDefinitionProps, EksPodOptions {
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
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EksJobDefinition';

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
  public get jobDefinitionArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;

  /**
   * Labels of the job's pod.
   *
   * @default - only the labels Batch adds
   */
  public readonly labels?: { [key: string]: string };

  /**
   * Annotations of the job's pod.
   *
   * @default - only the annotations Batch adds
   */
  public readonly annotations?: { [key: string]: string };

  /**
   * The Kubernetes namespace the job's pod runs in.
   *
   * @default - the namespace of the compute environment
   */
  public readonly kubernetesNamespace?: string;

  /**
   * Whether the containers of the pod share one process namespace.
   *
   * @default false
   */
  public readonly shareProcessNamespace?: boolean;

  /**
   * The security settings of the pod.
   *
   * @default - no pod-level security settings
   */
  public readonly podSecurityContext?: PodSecurityContext;

  private readonly _additionalContainers: EksContainerDefinition[];
  private readonly _initContainers: EksContainerDefinition[];
  private readonly _imagePullSecrets: string[];

  constructor(scope: Construct, id: string, props: EksJobDefinitionProps) {
    props = applyPropertyInjectors(EksJobDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);

    throwIfInvalid(KIND, this, validatePodSettings('', props));

    this.container = props.container;
    this.dnsPolicy = props.dnsPolicy;
    this.serviceAccount = props.serviceAccount;
    this.useHostNetwork = props.useHostNetwork;
    this.labels = props.labels;
    this.annotations = props.annotations;
    this.kubernetesNamespace = props.kubernetesNamespace;
    this.shareProcessNamespace = props.shareProcessNamespace;
    this.podSecurityContext = props.podSecurityContext;
    this._additionalContainers = [...(props.additionalContainers ?? [])];
    this._initContainers = [...(props.initContainers ?? [])];
    this._imagePullSecrets = [];
    (props.imagePullSecrets ?? []).forEach((name) => this.addImagePullSecret(name));

    const resource = new JobDefinitionL1(this, 'Resource', {
      ...this._renderCommonProperties(),
      type: 'container',
      eksProperties: {
        podProperties: {
          containers: lazyAny(() => this.containers.map((c) => c._renderContainer())),
          dnsPolicy: this.dnsPolicy,
          hostNetwork: this.useHostNetwork,
          serviceAccountName: this.serviceAccount,
          volumes: lazyAny(() => podVolumes(this.pod()).map(renderVolume), { omitEmptyArray: true }),
        },
      },
    });
    // What the L1 of aws-cdk-lib 2.95.1 lacks: members of containers and volumes, in the place the newest L1 gives
    // them, then members of the pod. A pod that uses none of them renders as that L1 renders it.
    renderNewerPropertyLazily(resource, 'EksProperties.PodProperties', () => renderNewerContainerMembers(this.pod()), Placement.ALPHABETICAL);
    renderNewerPropertyLazily(resource, 'EksProperties.PodProperties', () => renderNewerPodMembers(this.pod()));

    this._arn = this._arnOf(resource);

    addValidation(KIND, this, () => validatePod('', this.pod()));
    addWarnings(this, () => podWarnings('', this.pod()));
  }

  public override addConsumableResource(consumableResource: IConsumableResource, quantity: number): void {
    super.addConsumableResource(consumableResource, quantity);
  }

  public override addRetryStrategy(strategy: RetryStrategy): void {
    super.addRetryStrategy(strategy);
  }

  public override grantSubmitJob(identity: iam.IGrantable, queue: IJobQueue, options?: GrantSubmitJobOptions): void {
    super.grantSubmitJob(identity, queue, options);
  }

  /**
   * The containers of the job's pod: `container`, then the additional containers (a copy: use
   * `addContainer()` to add one).
   */
  public get containers(): EksContainerDefinition[] {
    return [this.container, ...this._additionalContainers];
  }

  /**
   * The init containers of the job's pod, in the order they run (a copy: use `addInitContainer()` to add one).
   */
  public get initContainers(): EksContainerDefinition[] {
    return [...this._initContainers];
  }

  /**
   * The names of the Kubernetes secrets the images are pulled with (a copy: use `addImagePullSecret()` to add one).
   */
  public get imagePullSecrets(): string[] {
    return [...this._imagePullSecrets];
  }

  /**
   * Adds a container to the job's pod, which runs alongside the others.
   */
  public addContainer(container: EksContainerDefinition): void {
    this._additionalContainers.push(container);
  }

  /**
   * Adds an init container to the job's pod, which runs after the init containers added before it.
   */
  public addInitContainer(container: EksContainerDefinition): void {
    this._initContainers.push(container);
  }

  /**
   * Adds the name of a Kubernetes secret with which the kubelet pulls images from a private registry.
   */
  public addImagePullSecret(name: string): void {
    const prop = `imagePullSecrets[${this._imagePullSecrets.length}]`;
    throwIfInvalid(KIND, this, [checkImagePullSecret(prop, name)]);
    warnImagePullSecret(this, prop, name);
    this._imagePullSecrets.push(name);
  }

  private pod(): Pod {
    return {
      containers: this.containers,
      initContainers: this._initContainers,
      dnsPolicy: this.dnsPolicy,
      hostNetwork: this.useHostNetwork,
      serviceAccountName: this.serviceAccount,
      imagePullSecrets: this._imagePullSecrets,
      labels: this.labels,
      annotations: this.annotations,
      namespace: this.kubernetesNamespace,
      shareProcessNamespace: this.shareProcessNamespace,
      securityContext: this.podSecurityContext,
    };
  }
}
