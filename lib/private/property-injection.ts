import * as cdk from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/*
 * Property injection (aws-cdk-lib's `PropertyInjectors`) on every aws-cdk-lib this library supports.
 *
 * aws-cdk-lib added property injection long after 2.95.1, the oldest release this library
 * supports, so its types cannot appear here: the framework is found at run time, and on a
 * release without it the props pass through unchanged.
 *
 * An injector applies to this library's classes when it is registered for their own
 * `PROPERTY_INJECTION_ID` (`@aws-cdk.aws-batch-alpha.JobQueue`, …). Injectors registered for
 * aws-cdk-lib's stable classes (`aws-cdk-lib.aws-batch.JobQueue`) do not apply: an id names one
 * class, an app may use both libraries side by side (its stable job queues must not get the
 * alpha's defaults, nor the other way round), and what a stable injector sets may be typed
 * for aws-cdk-lib's L2s rather than this library's.
 */

/** What this library uses of an aws-cdk-lib `IPropertyInjector`. */
interface Injector {
  inject(originalProps: unknown, context: { readonly scope: IConstruct; readonly id: string }): unknown;
}

/** What this library uses of aws-cdk-lib's `PropertyInjectors` class, where it exists. */
interface InjectorRegistry {
  hasPropertyInjectors(x: unknown): boolean;
  of(scope: IConstruct): { for(uniqueId: string): Injector | undefined };
}

function registry(): InjectorRegistry | undefined {
  const candidate = (cdk as unknown as { PropertyInjectors?: InjectorRegistry }).PropertyInjectors;
  return candidate && typeof candidate.hasPropertyInjectors === 'function' && typeof candidate.of === 'function'
    ? candidate
    : undefined;
}

/**
 * The props of a construct about to be created as `id` in `scope`, after the injector registered
 * for `uniqueId` nearest to `scope` (on `scope` or one of its ancestors) has applied its defaults.
 * Without such an injector, or on an aws-cdk-lib without property injection, `props` itself.
 */
export function applyPropertyInjectors<T>(uniqueId: string, props: T, scope: IConstruct, id: string): T {
  const injectors = registry();
  if (injectors === undefined) {
    return props;
  }
  for (let c: IConstruct | undefined = scope; c !== undefined; c = c.node.scope) {
    if (injectors.hasPropertyInjectors(c)) {
      const injector = injectors.of(c).for(uniqueId);
      if (injector !== undefined) {
        return injector.inject(props, { scope, id }) as T;
      }
    }
  }
  return props;
}
