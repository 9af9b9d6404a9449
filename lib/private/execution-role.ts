import { ArnFormat, PhysicalName, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * Creates the execution role of a container or task: the role ECS and Fargate agents use to pull
 * images, write logs and read secrets. Images, log drivers and secrets grant it what they need.
 */
export function createExecutionRole(scope: Construct): iam.Role {
  return createTaskRole(scope, 'ExecutionRole');
}

/**
 * Creates the job role of a container or task (the ECS task role), as `JobRole` in `scope`: for what needs one
 * when none is given (ECS Exec, S3 Files volumes).
 */
export function createJobRole(scope: Construct): iam.Role {
  return createTaskRole(scope, 'JobRole');
}

/** A role that ECS tasks (the containers of a job) assume, created as `id` in `scope`. */
function createTaskRole(scope: Construct, id: string): iam.Role {
  return new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    // a name is generated only when another environment refers to the role
    roleName: PhysicalName.GENERATE_IF_NEEDED,
  });
}

/**
 * Allows the role to write to the log group Batch sends a container's output to when the
 * container has no log driver: a job that writes anything fails without the permission to.
 *
 * The grant an imported log group's `grantWrite()` gives, made through `iam.Grant` as that one is,
 * without the import construct. The role's default policy is created here. Through `iam.Grant`,
 * the creation stack aws-cdk-lib records for it stays within aws-cdk-lib and this library in the
 * ten frames it captures. A record that reaches the app's code keeps the whole captured stack text
 * alive, about 1.2 KB for each execution role.
 */
export function grantDefaultLogGroup(scope: Construct, role: iam.IRole): void {
  iam.Grant.addToPrincipal({
    grantee: role,
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resourceArns: [Stack.of(scope).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: '/aws/batch/job:*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    })],
  });
}

/** The Session Manager channel actions ECS Exec needs; they support no resource-level permissions. */
const EXECUTE_COMMAND_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

/**
 * The job role of a container or task with ECS Exec: the given one, or one created as `JobRole`,
 * allowed the Session Manager channels between the container's agent and the caller.
 */
export function executeCommandJobRole(scope: Construct, given: iam.IRole | undefined): iam.IRole {
  const role = given ?? createJobRole(scope);
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: EXECUTE_COMMAND_ACTIONS, resources: ['*'] }));
  return role;
}
