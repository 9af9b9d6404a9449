import { Size } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { Construct } from 'constructs';
import { lazyAny } from './private/lazy-any';
import { checkSizeTokenUnit } from './private/units';
import { checkNotEmpty, checkRange, checkWholeMiB, Problem, throwIfInvalid } from './private/validation';

/**
 * Props to create Linux parameters.
 */
export interface LinuxParametersProps {
  /**
   * Whether to run an init process inside the container, which forwards signals and reaps processes.
   *
   * @see https://docs.docker.com/engine/reference/run/#specify-an-init-process
   * @default false
   */
  readonly initProcessEnabled?: boolean;

  /**
   * The size of `/dev/shm`, in whole MiB.
   *
   * Only for jobs on EC2 resources.
   *
   * @default - no shared memory
   */
  readonly sharedMemorySize?: Size;

  /**
   * The total swap the container may use, in whole MiB.
   *
   * `Size.mebibytes(0)` turns swap off. Only for jobs on EC2 resources whose instances have
   * swap space.
   *
   * @default - no swap
   */
  readonly maxSwap?: Size;

  /**
   * How eagerly the container's memory pages are swapped out, from 0 (only when needed) to 100
   * (aggressively).
   *
   * Applies only when `maxSwap` is set; without it the value is not rendered.
   *
   * @default 60
   */
  readonly swappiness?: number;
}

/**
 * Who may do what with a device mapped into a container.
 */
export enum DevicePermission {
  /**
   * The container may read from the device.
   */
  READ = 'read',

  /**
   * The container may write to the device.
   */
  WRITE = 'write',

  /**
   * The container may create device files.
   */
  MKNOD = 'mknod',
}

/**
 * A device of the host mapped into the container.
 */
export interface Device {
  /**
   * The path of the device on the host.
   */
  readonly hostPath: string;

  /**
   * The path the device has inside the container.
   *
   * @default - the same path as on the host
   */
  readonly containerPath?: string;

  /**
   * What the container may do with the device.
   *
   * @default - the permissions Docker grants by default: read, write and mknod
   */
  readonly permissions?: DevicePermission[];
}

/**
 * Options of a tmpfs mount, as `mount` knows them.
 */
export enum TmpfsMountOption {
  /** `defaults` */
  DEFAULTS = 'defaults',
  /** `ro`: read-only */
  RO = 'ro',
  /** `rw`: read-write */
  RW = 'rw',
  /** `suid`: honour set-user-id bits */
  SUID = 'suid',
  /** `nosuid`: ignore set-user-id bits */
  NOSUID = 'nosuid',
  /** `dev`: interpret device files */
  DEV = 'dev',
  /** `nodev`: do not interpret device files */
  NODEV = 'nodev',
  /** `exec`: allow running binaries */
  EXEC = 'exec',
  /** `noexec`: forbid running binaries */
  NOEXEC = 'noexec',
  /** `sync`: synchronous I/O */
  SYNC = 'sync',
  /** `async`: asynchronous I/O */
  ASYNC = 'async',
  /** `dirsync`: synchronous directory updates */
  DIRSYNC = 'dirsync',
  /** `remount` */
  REMOUNT = 'remount',
  /** `mand`: allow mandatory locks */
  MAND = 'mand',
  /** `nomand`: forbid mandatory locks */
  NOMAND = 'nomand',
  /** `atime`: update access times */
  ATIME = 'atime',
  /** `noatime`: do not update access times */
  NOATIME = 'noatime',
  /** `diratime`: update directory access times */
  DIRATIME = 'diratime',
  /** `nodiratime`: do not update directory access times */
  NODIRATIME = 'nodiratime',
  /** `bind` */
  BIND = 'bind',
  /** `rbind` */
  RBIND = 'rbind',
  /** `unbindable` */
  UNBINDABLE = 'unbindable',
  /** `runbindable` */
  RUNBINDABLE = 'runbindable',
  /** `private` */
  PRIVATE = 'private',
  /** `rprivate` */
  RPRIVATE = 'rprivate',
  /** `shared` */
  SHARED = 'shared',
  /** `rshared` */
  RSHARED = 'rshared',
  /** `slave` */
  SLAVE = 'slave',
  /** `rslave` */
  RSLAVE = 'rslave',
  /** `relatime` */
  RELATIME = 'relatime',
  /** `norelatime` */
  NORELATIME = 'norelatime',
  /** `strictatime` */
  STRICTATIME = 'strictatime',
  /** `nostrictatime` */
  NOSTRICTATIME = 'nostrictatime',
  /** `mode` */
  MODE = 'mode',
  /** `uid` */
  UID = 'uid',
  /** `gid` */
  GID = 'gid',
  /** `nr_inodes` */
  NR_INODES = 'nr_inodes',
  /** `nr_blocks` */
  NR_BLOCKS = 'nr_blocks',
  /** `mpol` */
  MPOL = 'mpol',
}

/**
 * A tmpfs mount in the container: a file system held in memory.
 */
export interface Tmpfs {
  /**
   * Where the tmpfs is mounted in the container.
   */
  readonly containerPath: string;

  /**
   * The size of the tmpfs, in whole MiB.
   */
  readonly size: Size;

  /**
   * The mount options.
   *
   * @default - none
   */
  readonly mountOptions?: TmpfsMountOption[];
}

const KIND = 'LinuxParameters';

/**
 * Linux-specific settings of a container: init process, shared memory, swap, devices and tmpfs mounts.
 *
 * Devices, tmpfs mounts, `maxSwap` and `sharedMemorySize` exist only for jobs on EC2 resources.
 *
 * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_LinuxParameters.html
 */
export class LinuxParameters extends Construct {
  /**
   * Whether an init process runs inside the container.
   *
   * @default false
   */
  public readonly initProcessEnabled?: boolean;

  /**
   * The size of `/dev/shm`.
   *
   * @default - no shared memory
   */
  public readonly sharedMemorySize?: Size;

  /**
   * The total swap the container may use.
   *
   * @default - no swap
   */
  public readonly maxSwap?: Size;

  /**
   * How eagerly memory pages are swapped out (0 to 100), when `maxSwap` is set.
   *
   * @default 60
   */
  public readonly swappiness?: number;

  private readonly _devices: Device[] = [];
  private readonly _tmpfs: Tmpfs[] = [];

  constructor(scope: Construct, id: string, props: LinuxParametersProps = {}) {
    super(scope, id);

    throwIfInvalid(KIND, this, [
      checkRange('swappiness', props.swappiness, 0, 100, true),
      checkWholeMiB('maxSwap', props.maxSwap, 0),
      checkSizeTokenUnit('maxSwap', props.maxSwap, 'mebibytes'),
      checkWholeMiB('sharedMemorySize', props.sharedMemorySize, 0),
      checkSizeTokenUnit('sharedMemorySize', props.sharedMemorySize, 'mebibytes'),
    ]);

    this.initProcessEnabled = props.initProcessEnabled;
    this.sharedMemorySize = props.sharedMemorySize;
    this.maxSwap = props.maxSwap;
    // Batch ignores swappiness without maxSwap; it is not rendered then.
    this.swappiness = props.maxSwap ? props.swappiness : undefined;
  }

  /**
   * The devices mapped into the container (a copy: use `addDevices()` to add one).
   */
  public get devices(): Device[] {
    return [...this._devices];
  }

  /**
   * The tmpfs mounts of the container (a copy: use `addTmpfs()` to add one).
   */
  public get tmpfs(): Tmpfs[] {
    return [...this._tmpfs];
  }

  /**
   * Maps host devices into the container.
   */
  public addDevices(...device: Device[]): void {
    throwIfInvalid(KIND, this, device.flatMap((d, i) => validateDevice(d, this._devices.length + i)));
    this._devices.push(...device);
  }

  /**
   * Adds tmpfs mounts to the container.
   */
  public addTmpfs(...tmpfs: Tmpfs[]): void {
    throwIfInvalid(KIND, this, tmpfs.flatMap((t, i) => validateTmpfs(t, this._tmpfs.length + i)));
    this._tmpfs.push(...tmpfs);
  }

  /**
   * Renders these settings as the `LinuxParameters` of a job definition's container.
   */
  public renderLinuxParameters(): CfnJobDefinition.LinuxParametersProperty {
    return {
      initProcessEnabled: this.initProcessEnabled,
      sharedMemorySize: this.sharedMemorySize?.toMebibytes(),
      maxSwap: this.maxSwap?.toMebibytes(),
      swappiness: this.swappiness,
      devices: lazyAny(() => this._devices.map((d): CfnJobDefinition.DeviceProperty => ({
        containerPath: d.containerPath,
        hostPath: d.hostPath,
        permissions: d.permissions,
      })), { omitEmptyArray: true }),
      tmpfs: lazyAny(() => this._tmpfs.map((t): CfnJobDefinition.TmpfsProperty => ({
        containerPath: t.containerPath,
        size: t.size.toMebibytes(),
        mountOptions: t.mountOptions,
      })), { omitEmptyArray: true }),
    };
  }
}

function validateDevice(device: Device, i: number): Problem[] {
  return [checkNotEmpty(`devices[${i}].hostPath`, device.hostPath), checkNotEmpty(`devices[${i}].containerPath`, device.containerPath)];
}

function validateTmpfs(tmpfs: Tmpfs, i: number): Problem[] {
  return [checkNotEmpty(`tmpfs[${i}].containerPath`, tmpfs.containerPath), checkWholeMiB(`tmpfs[${i}].size`, tmpfs.size, 0), checkSizeTokenUnit(`tmpfs[${i}].size`, tmpfs.size, 'mebibytes')];
}


