import type { CapacityLimit } from '../service-environment';
import { lazyAny } from './lazy-any';
import { checkAtLeast, checkNotEmpty, Problem } from './validation';

/** The `CapacityLimits` list, rendered when the template is synthesized (`add*()` may still change it). */
export function renderCapacityLimits(limits: () => CapacityLimit[]): unknown {
  return lazyAny(() => limits().map((limit) => ({ CapacityUnit: limit.capacityUnit, MaxCapacity: limit.maxCapacity })));
}

/** How many capacity limits a resource takes, and the least `maxCapacity` of each. */
export interface CapacityLimitRules {
  readonly min: number;
  readonly max?: number;
  readonly minCapacity: number;
}

/** The problems of a list of capacity limits. */
export function checkCapacityLimits(prop: string, limits: CapacityLimit[], rules: CapacityLimitRules): Problem[] {
  const problems: Problem[] = [];
  if (limits.length < rules.min) {
    problems.push(`${prop} must hold at least ${rules.min} capacity limit${rules.min === 1 ? '' : 's'}, got ${limits.length}; pass ${prop} or call addCapacityLimit()`);
  }
  if (rules.max !== undefined && limits.length > rules.max) {
    problems.push(`${prop} must hold at most ${rules.max} capacity limits, got ${limits.length}`);
  }
  limits.forEach((limit, i) => {
    problems.push(checkAtLeast(`${prop}[${i}].maxCapacity`, limit.maxCapacity, rules.minCapacity, true));
    problems.push(checkNotEmpty(`${prop}[${i}].capacityUnit`, limit.capacityUnit));
  });
  return problems;
}
