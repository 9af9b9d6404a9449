import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ValidationError } from '../../lib/private/validation';

/** A fresh app and env-agnostic stack named 'Stack'. */
export function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

/** A stack with a VPC 'Vpc' in it, the usual home of compute environments. */
export function stackWithVpc(): { stack: Stack; vpc: ec2.Vpc } {
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc');
  return { stack, vpc };
}

/** Synthesizes the stack (running every validation) and returns its template. */
export function synth(stack: Stack): Template {
  return Template.fromStack(stack);
}

/** Asserts that `fn` throws this library's ValidationError with a message matching `pattern`. */
export function expectValidationError(fn: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as Error).message).toMatch(pattern);
}

/** Asserts that synthesizing the stack fails validation with a message matching `pattern`. */
export function expectSynthError(stack: Stack, pattern: RegExp): void {
  expect(() => Template.fromStack(stack)).toThrow(pattern);
}

/** The Batch resources of a template, by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, any> {
  return template.findResources(type);
}
