import { Duration, Size } from 'aws-cdk-lib';
import { Problem } from './validation';

/**
 * An unresolved duration can be rendered only in the unit it was created with (a token number
 * of minutes cannot be turned into seconds at synthesis). `prop` must then use `unit`, the unit
 * the template needs. Concrete durations and `undefined` pass.
 */
export function checkDurationTokenUnit(prop: string, value: Duration | undefined, unit: 'seconds' | 'minutes'): Problem {
  if (value === undefined || !value.isUnresolved()) {
    return undefined;
  }
  try {
    if (unit === 'seconds') {
      value.toSeconds();
    } else {
      value.toMinutes();
    }
    return undefined;
  } catch {
    return `${prop} must be created with Duration.${unit}() when its value is unresolved, got ${describeToken(value)}`;
  }
}

/**
 * An unresolved size can be rendered only in the unit it was created with. `prop` must then use
 * `unit`, the unit the template needs. Concrete sizes and `undefined` pass.
 */
export function checkSizeTokenUnit(prop: string, value: Size | undefined, unit: 'mebibytes' | 'gibibytes'): Problem {
  if (value === undefined || !value.isUnresolved()) {
    return undefined;
  }
  try {
    if (unit === 'mebibytes') {
      value.toMebibytes();
    } else {
      value.toGibibytes();
    }
    return undefined;
  } catch {
    return `${prop} must be created with Size.${unit}() when its value is unresolved, got ${describeToken(value)}`;
  }
}

/** `Duration.minutes(<token>)`: the unit a token value was created with (its number is meaningless). */
function describeToken(value: Duration | Size): string {
  if (isDuration(value)) {
    return value.toString().replace(/\(.*\)$/, '(<token>)');
  }
  // Size has no toString() before aws-cdk-lib 2.96: a token size converts only to the unit it was created with.
  const unit = SIZE_UNITS.find(([, convert]) => {
    try {
      convert(value);
      return true;
    } catch {
      return false;
    }
  });
  return `Size.${unit?.[0] ?? 'of'}(<token>)`;
}

const SIZE_UNITS: ReadonlyArray<[string, (size: Size) => number]> = [
  ['kibibytes', (s) => s.toKibibytes()],
  ['mebibytes', (s) => s.toMebibytes()],
  ['gibibytes', (s) => s.toGibibytes()],
  ['tebibytes', (s) => s.toTebibytes()],
  ['pebibytes', (s) => s.toPebibytes()],
];

function isDuration(value: Duration | Size): value is Duration {
  return typeof (value as Duration).toSeconds === 'function';
}
