import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { LaunchTemplateOverride, LaunchTemplateVersion } from '../launch-template';
import { checkAtLeast, Problem, show, unresolved } from './validation';

/** The most overrides a compute environment takes (LaunchTemplateSpecification.Overrides). */
export const MAX_OVERRIDES = 10;
/** Batch's own instance type keywords, which an override cannot target. */
const KEYWORDS = ['optimal', 'default_x86_64', 'default_arm64'];

/** A launch template named by id, or by name when it has no id (templates imported by name). */
export function templateReference(template: ec2.ILaunchTemplate): { LaunchTemplateId?: string; LaunchTemplateName?: string } {
  return template.launchTemplateId !== undefined
    ? { LaunchTemplateId: template.launchTemplateId }
    : { LaunchTemplateName: template.launchTemplateName };
}

/** The `Overrides` list of `ComputeResources.LaunchTemplate`. */
export function renderOverrides(overrides: LaunchTemplateOverride[]): unknown[] {
  return overrides.map((o) => ({
    ...templateReference(o.launchTemplate),
    TargetInstanceTypes: o.targetInstanceTypes.map((t) => t.toString()),
    Version: o.version?.version,
    UserdataType: o.userdataType,
  }));
}

/** A version number given with `of()` must be a whole number of at least 1. */
export function checkVersion(prop: string, version: LaunchTemplateVersion | undefined): Problem {
  return version?.versionNumber === undefined ? undefined : checkAtLeast(prop, version.versionNumber, 1, true);
}

/**
 * The problems of the overrides of an environment whose instance types and families (the
 * `InstanceTypes` list, as rendered) are `environmentTypes`.
 */
export function checkOverrides(overrides: LaunchTemplateOverride[], environmentTypes: string[], hasTemplate: boolean, eks: boolean): Problem[] {
  const problems: Problem[] = [];
  if (overrides.length === 0) {
    return problems;
  }
  if (!hasTemplate) {
    problems.push('launchTemplateOverrides need launchTemplate: Batch takes overrides only with a launch template to override');
  }
  if (overrides.length > MAX_OVERRIDES) {
    problems.push(`launchTemplateOverrides must hold at most ${MAX_OVERRIDES} overrides, got ${overrides.length}`);
  }
  const known = new Set(environmentTypes.filter((t) => !unresolved(t)));
  const someUnresolved = environmentTypes.some((t) => unresolved(t));
  const targeted: Array<{ name: string; where: string }> = [];
  overrides.forEach((override, i) => {
    const where = `launchTemplateOverrides[${i}]`;
    problems.push(checkVersion(`${where}.version`, override.version));
    if (override.userdataType !== undefined && !eks) {
      problems.push(`${where}.userdataType must not be set: it is for EKS compute environments, got ${override.userdataType}`);
    }
    if (override.targetInstanceTypes.length === 0) {
      problems.push(`${where}.targetInstanceTypes must name at least one instance type, got none`);
    }
    override.targetInstanceTypes.forEach((type, j) => {
      const name = type.toString();
      if (unresolved(name)) {
        return;
      }
      const at = `${where}.targetInstanceTypes[${j}]`;
      if (KEYWORDS.includes(name)) {
        problems.push(`${at} must be an instance type or family, not ${show(name)}`);
        return;
      }
      const family = name.split('.')[0];
      if (!someUnresolved && !known.has(name) && !known.has(family)) {
        problems.push(`${at} must be among the environment's instance types and classes, got ${show(name)}; the environment has ${show([...known])}`);
      }
      const clash = targeted.find((t) => t.name === name || t.name === family || t.name.split('.')[0] === name);
      if (clash) {
        problems.push(`${at} ${show(name)} overlaps ${show(clash.name)} of ${clash.where}; overrides must not target one instance type twice`);
      }
      targeted.push({ name, where: at });
    });
  });
  return problems;
}
