import { EksContainerDefinitionProps, ImagePullPolicy } from '../../lib';

/** A value for every container setting that renders outside resources and volumes (tests of pods of every kind). */
export const EVERY_CONTAINER_SETTING: Partial<EksContainerDefinitionProps> = {
  args: ['--rank', '$(NODE_INDEX)'],
  env: { OMP_NUM_THREADS: '4' },
  imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
  readonlyRootFilesystem: true,
  runAsUser: 1000,
  runAsGroup: 3000,
};

/** How `EVERY_CONTAINER_SETTING` renders in a pod's container or init container. */
export const EVERY_CONTAINER_SETTING_RENDERED = {
  Args: ['--rank', '$(NODE_INDEX)'],
  Env: [{ Name: 'OMP_NUM_THREADS', Value: '4' }],
  ImagePullPolicy: 'IfNotPresent',
  SecurityContext: { ReadOnlyRootFilesystem: true, RunAsUser: 1000, RunAsGroup: 3000, RunAsNonRoot: true },
};
