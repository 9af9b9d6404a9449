import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';

/** A warning of the synthesized stack: where, which rule, and what it says (without the `[ack: …]` tag). */
export interface Warning {
  readonly path: string;
  readonly id: string;
  readonly message: string;
}

const ACK = /\s*\[ack: ([^\]]+)\]$/;

/** Synthesizes the stack (failing on any error) and returns the warnings this library added. */
export function warningsOf(stack: Stack): Warning[] {
  Template.fromStack(stack);
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue())
    .map((w) => {
      const text = String(w.entry.data);
      const ack = ACK.exec(text);
      return { path: w.id, id: ack ? ack[1] : '', message: text.replace(ACK, '') };
    })
    .filter((w) => w.id.startsWith('@aws-cdk/aws-batch-alpha:'));
}

/** The rule names (the id without the library prefix) of the stack's warnings, sorted. */
export function warningRules(stack: Stack): string[] {
  return warningsOf(stack).map((w) => w.id.replace('@aws-cdk/aws-batch-alpha:', '')).sort();
}
