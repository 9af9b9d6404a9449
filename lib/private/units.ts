import { Duration, Size } from 'aws-cdk-lib';
import { Problem } from './validation';

/**
 * An unresolved duration or size can be rendered only in the unit it was created with (a token number
 * of minutes cannot be turned into seconds at synthesis). `prop` must then use `unit`, the unit the
 * template needs: `convert` is the conversion the renderer makes, which throws for any other unit.
 * Concrete values and `undefined` pass.
 */
function checkTokenUnit(prop: string, value: Duration | Size | undefined, factory: string, convert: () => unknown): Problem {
  if (value === undefined || !value.isUnresolved()) {
    return undefined;
  }
  try {
    convert();
    return undefined;
  } catch {
    return `${prop} must be created with ${factory}() when its value is unresolved, got ${describeToken(value)}`;
  }
}

/** A token duration must be in `unit`, the unit the template takes (see `checkTokenUnit`). */
export function checkDurationTokenUnit(prop: string, value: Duration | undefined, unit: 'seconds' | 'minutes'): Problem {
  return checkTokenUnit(prop, value, `Duration.${unit}`, () => (unit === 'seconds' ? value!.toSeconds() : value!.toMinutes()));
}

/** A token size must be in `unit`, the unit the template takes (see `checkTokenUnit`). */
export function checkSizeTokenUnit(prop: string, value: Size | undefined, unit: 'mebibytes' | 'gibibytes'): Problem {
  return checkTokenUnit(prop, value, `Size.${unit}`, () => (unit === 'mebibytes' ? value!.toMebibytes() : value!.toGibibytes()));
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

/** The longest `jobExecutionTimeoutMinutes` the update policy takes (it was 360 until 2024). */
const MAX_UPDATE_TIMEOUT_MINUTES = 7200;

/** `updateTimeout`: whole minutes between 1 and 7200 (the update policy's range); a token must be in minutes. */

export function checkUpdateTimeout(value: Duration | undefined): Problem {
  if (value === undefined) {
    return undefined;
  }
  if (value.isUnresolved()) {
    // A token cannot be converted between units: it must already be in minutes.
    return checkDurationTokenUnit('updateTimeout', value, 'minutes');
  }
  const minutes = value.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_UPDATE_TIMEOUT_MINUTES) {
    return `updateTimeout must be a whole number of minutes between 1 and ${MAX_UPDATE_TIMEOUT_MINUTES}, got ${value.toHumanString()}`;
  }
  return undefined;
}
