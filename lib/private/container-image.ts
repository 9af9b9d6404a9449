import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, DependencyGroup } from 'constructs';

/**
 * Stands in for an ECS task's execution role when an image is bound for a Kubernetes pod:
 * the nodes of the job's account.
 *
 * `ContainerImage.bind()` is written for ECS: besides returning the image name, it grants the
 * task's execution role the right to pull the image (ECR and asset images) or to read registry
 * credentials. A Kubernetes pod has no execution role: the kubelet pulls images with the
 * credentials of the node, that is the instance role of the EKS compute environment, which the
 * job definition cannot reach. So:
 * - identity statements are accepted and dropped (the instance role needs ECR read access of
 *   its own; the default instance role of an EKS compute environment has it);
 * - a statement for a repository of another account goes, as `Grant` puts it, into the
 *   repository's policy, and names this principal: the job's account, whose nodes may then pull.
 */
class PodNodesPrincipal extends iam.AccountPrincipal {
  public addToPrincipalPolicy(_statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    return { statementAdded: true, policyDependable: new DependencyGroup() };
  }
}

/**
 * Binds a container image for a Kubernetes container and returns its configuration.
 *
 * Works for every kind of `ContainerImage` (registry, ECR, asset, tarball, tag parameter):
 * `bind()` receives the one part of an ECS container definition that images use,
 * `taskDefinition.obtainExecutionRole()`, answered with a principal for the nodes of the job's account.
 * Assets the image creates are created under `scope`.
 */
export function bindImageForPod(scope: Construct, image: ecs.ContainerImage): ecs.ContainerImageConfig {
  // made only for an image that asks for it: a registry image never does
  let principal: PodNodesPrincipal | undefined;
  const taskDefinitionStandIn = {
    obtainExecutionRole: () => {
      principal ??= new PodNodesPrincipal(Stack.of(scope).account);
      return principal;
    },
  };
  // Only the members images read exist on the stand-in; the cast says so to the type checker.
  const containerDefinitionStandIn = { taskDefinition: taskDefinitionStandIn } as unknown as ecs.ContainerDefinition;
  return image.bind(scope, containerDefinitionStandIn);
}
