export * from './compute-environment-base';
export * from './job-queue';
export * from './scheduling-policy';
export { Action, CustomReason, IJobDefinition, JobDefinitionProps, Reason, RetryStrategy } from './job-definition-base';
