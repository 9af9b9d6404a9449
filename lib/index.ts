export * from './compute-environment-base';
export * from './job-queue';
export * from './scheduling-policy';
