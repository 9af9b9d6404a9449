/**
 * Conventions of the public API, checked on the built jsii assembly (`.jsii`), which is
 * exactly what users of every language see.
 *
 * - every public type and member has a summary line;
 * - every optional property says what happens when it is left out (`@default`), in one of two styles:
 *   a literal (`true`, `0`, `'Default'`, `EmptyDirMediumType.DISK`, `Duration.minutes(30)`) or `- words`;
 * - a member that a props struct shares with the interface of its construct is described once:
 *   the props summary is the interface's, possibly followed by how to set it (after `,` `;` `:`
 *   or `(`), and when both give a `@default` it is the same;
 * - no union types.
 */
import { assemblyTypes, loadAssembly } from './util/assembly';

type Types = Record<string, any>;
type Rule = 'type summary' | 'member summary' | 'optional default' | 'default style' | 'props match interface' | 'no unions';

/** A `@default` is a literal value or, after `- `, words. */
const DEFAULT_STYLE = /^(- \S.*|true|false|-?\d+(\.\d+)?|'[^']*'|[A-Za-z_]\w*(\.\w+)+(\([^()]*\))?)$/s;

const short = (fqn: string): string => fqn.slice(fqn.lastIndexOf('.') + 1);
const isStruct = (t: any): boolean => t.kind === 'interface' && t.datatype === true;
const oneLine = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** The problems each rule finds in the types of an assembly. */
function conventionProblems(types: Types): Record<Rule, string[]> {
  const own = (fqn: string | undefined): boolean => fqn !== undefined && fqn in types;

  /** Members of a type, each named `Type.member` (enum members and methods included). */
  const membersOf = (t: any): Array<{ where: string; member: any }> =>
    [...(t.properties ?? []), ...(t.methods ?? []), ...(t.members ?? [])]
      .map((member) => ({ where: `${t.name}.${member.name}`, member }));

  /**
   * The properties of an interface or struct, its own and inherited from this library's
   * interfaces, by name; each with the type that declares it.
   */
  const allProperties = (fqn: string, seen = new Set<string>()): Map<string, any> => {
    const result = new Map<string, any>();
    if (!own(fqn) || seen.has(fqn)) { return result; }
    seen.add(fqn);
    for (const parent of types[fqn].interfaces ?? []) {
      for (const [name, p] of allProperties(parent, seen)) { result.set(name, p); }
    }
    for (const p of types[fqn].properties ?? []) { result.set(p.name, { ...p, declaredIn: types[fqn].name }); }
    return result;
  };

  /** This library's interfaces that a type implements: directly, through its bases or through other interfaces. */
  const implementedInterfaces = (fqn: string, acc = new Set<string>()): Set<string> => {
    if (!own(fqn)) { return acc; }
    for (const i of types[fqn].interfaces ?? []) {
      if (own(i) && !acc.has(i)) {
        acc.add(i);
        implementedInterfaces(i, acc);
      }
    }
    if (types[fqn].base) { implementedInterfaces(types[fqn].base, acc); }
    return acc;
  };

  /**
   * Pairs of (props struct, interface) whose shared members must be documented alike: the props
   * struct of a class's constructor with each interface the class implements, and by name
   * `FooProps` with `IFoo` (which also covers the props of abstract bases).
   */
  const propsInterfacePairs = (): Array<[string, string]> => {
    const pairs = new Map<string, [string, string]>();
    const add = (props: string | undefined, iface: string) => {
      if (props && own(props) && isStruct(types[props]) && own(iface) && !isStruct(types[iface])) {
        pairs.set(`${props}|${iface}`, [props, iface]);
      }
    };
    for (const [fqn, t] of Object.entries<any>(types)) {
      if (t.kind === 'class') {
        for (const param of t.initializer?.parameters ?? []) {
          for (const iface of implementedInterfaces(fqn)) { add(param.type?.fqn, iface); }
        }
      }
      if (isStruct(t) && t.name.endsWith('Props')) {
        add(fqn, `${fqn.slice(0, fqn.length - t.name.length)}I${t.name.slice(0, -'Props'.length)}`);
      }
    }
    return [...pairs.values()];
  };

  /** Every type reference in the public API, with where it is used. */
  const typeReferences = (): Array<{ where: string; ref: any }> => {
    const refs: Array<{ where: string; ref: any }> = [];
    const visit = (where: string, ref: any) => {
      if (!ref) { return; }
      refs.push({ where, ref });
      if (ref.collection) { visit(where, ref.collection.elementtype); }
      for (const inner of [...(ref.union?.types ?? []), ...(ref.intersection?.types ?? [])]) { visit(where, inner); }
    };
    for (const t of Object.values<any>(types)) {
      for (const p of t.properties ?? []) { visit(`${t.name}.${p.name}`, p.type); }
      for (const m of [t.initializer, ...(t.methods ?? [])].filter(Boolean)) {
        const name = m === t.initializer ? `new ${t.name}` : `${t.name}.${m.name}()`;
        visit(`${name} returns`, m.returns?.type);
        for (const param of m.parameters ?? []) { visit(`${name} parameter ${param.name}`, param.type); }
      }
    }
    return refs;
  };

  const optionalWithoutDefault: string[] = [];
  for (const [fqn, t] of Object.entries<any>(types)) {
    // Structs and interfaces carry the `@default` themselves. A class's optional property reports
    // the construct's state: the interface member it implements, or the constructor prop it
    // reports, may say it instead.
    const inherited = t.kind !== 'class' ? [] : [
      ...[...implementedInterfaces(fqn)].map((i) => allProperties(i)),
      ...(t.initializer?.parameters ?? []).map((param: any) => allProperties(param.type?.fqn)),
    ];
    for (const p of t.properties ?? []) {
      if (!p.optional || p.docs?.default !== undefined) { continue; }
      if (inherited.some((props) => props.get(p.name)?.docs?.default !== undefined)) { continue; }
      optionalWithoutDefault.push(`${t.name}.${p.name}`);
    }
  }

  // The interface says what the member is; the props may go on to say how to set it
  // ("The name of the queue" / "The name of the queue, up to 128 letters").
  const extendsSummary = (props: string, iface: string): boolean => {
    const [p, i] = [props, iface].map((x) => x.replace(/\.$/, ''));
    return p === i || (p.startsWith(i) && /^[,;:(]|^ \(|^ - /.test(p.slice(i.length)));
  };
  const mismatches = new Map<string, string>();
  for (const [propsFqn, ifaceFqn] of propsInterfacePairs()) {
    const props = allProperties(propsFqn);
    for (const [name, ip] of allProperties(ifaceFqn)) {
      const pp = props.get(name);
      if (!pp) { continue; }
      const where = `${pp.declaredIn}.${name} / ${ip.declaredIn}.${name}`;
      const [ps, is] = [oneLine(pp.docs?.summary), oneLine(ip.docs?.summary)];
      if (!extendsSummary(ps, is)) {
        mismatches.set(`${where} summary`,
          `${where}: the props summary does not start with the interface's:\n    props:     ${JSON.stringify(ps)}\n    interface: ${JSON.stringify(is)}`);
      }
      const [pd, id] = [pp.docs?.default, ip.docs?.default];
      if (pd !== undefined && id !== undefined && pd !== id) {
        mismatches.set(`${where} default`, `${where}: defaults differ: ${JSON.stringify(pd)} / ${JSON.stringify(id)}`);
      }
    }
  }

  return {
    'type summary': Object.entries<any>(types).filter(([, t]) => !oneLine(t.docs?.summary)).map(([fqn]) => fqn),
    'member summary': Object.values<any>(types).flatMap(membersOf)
      .filter(({ member }) => !oneLine(member.docs?.summary)).map(({ where }) => where),
    'optional default': optionalWithoutDefault,
    'default style': Object.values<any>(types).flatMap((t) => (t.properties ?? [])
      .filter((p: any) => p.docs?.default !== undefined && !DEFAULT_STYLE.test(p.docs.default))
      .map((p: any) => `${t.name}.${p.name}: ${JSON.stringify(p.docs.default)}`)),
    'props match interface': [...mismatches.values()],
    'no unions': typeReferences().filter(({ ref }) => ref.union).map(({ where }) => where),
  };
}

const RULES: Array<[Rule, string]> = [
  ['type summary', 'every public type has a summary'],
  ['member summary', 'every public member (property, method, enum member) has a summary'],
  ['optional default', 'every optional property documents its default'],
  ['default style', 'every @default is a literal or \'- words\''],
  ['props match interface', 'a props struct describes a member it shares with the interface of its construct as the interface does'],
  ['no unions', 'no union types'],
];

describe('API conventions of the built assembly', () => {
  const asm = loadAssembly();
  const problems = conventionProblems(assemblyTypes(asm));

  test('is this library', () => {
    expect(asm.name).toEqual('@aws-cdk/aws-batch-alpha');
    expect(Object.keys(assemblyTypes(asm)).length).toBeGreaterThan(0);
  });

  test.each(RULES)('%s: %s', (rule) => {
    expect(problems[rule]).toEqual([]);
  });
});

describe('each rule catches what it is about', () => {
  // GIVEN a small assembly that breaks every rule once
  const doc = (summary: string, extra: object = {}) => ({ docs: { summary, ...extra } });
  const bad: Types = {
    'x.Undocumented': { kind: 'enum', name: 'Undocumented', members: [{ name: 'A', ...doc('An A.') }] },
    'x.IThing': {
      kind: 'interface', name: 'IThing', ...doc('A thing.'),
      properties: [
        { name: 'size', optional: true, type: { primitive: 'number' }, ...doc('The size of the thing.', { default: '1' }) },
        { name: 'count', optional: true, type: { primitive: 'number' }, ...doc('The count.', { default: '0' }) },
      ],
    },
    'x.ThingProps': {
      kind: 'interface', datatype: true, name: 'ThingProps', ...doc('Props.'),
      properties: [
        { name: 'size', optional: true, type: { primitive: 'number' }, ...doc('How big it is.', { default: '2' }) },
        { name: 'label', optional: true, type: { primitive: 'string' }, ...doc('A label.') },
        { name: 'either', type: { union: { types: [{ primitive: 'string' }, { primitive: 'number' }] } }, ...doc('Either.') },
        { name: 'count', optional: true, type: { primitive: 'number' }, ...doc('The count, at most 3.', { default: '0' }) },
        { name: 'shade', optional: true, type: { primitive: 'string' }, ...doc('A shade.', { default: 'No shade.' }) },
      ],
    },
    'x.Thing': {
      kind: 'class', name: 'Thing', ...doc('The thing.'), interfaces: ['x.IThing'],
      initializer: { parameters: [{ name: 'props', type: { fqn: 'x.ThingProps' } }] },
      methods: [{ name: 'grow' }],
      properties: [
        { name: 'count', optional: true, type: { primitive: 'number' }, ...doc('The count.') },
        { name: 'colour', optional: true, type: { primitive: 'string' }, ...doc('The colour.') },
      ],
    },
  };

  // WHEN the rules run over it
  const found = conventionProblems(bad);

  // THEN each reports its own problem and nothing else
  test.each<[Rule, RegExp[]]>([
    ['type summary', [/^x\.Undocumented$/]],
    ['member summary', [/^Thing\.grow$/]],
    ['optional default', [/^ThingProps\.label$/, /^Thing\.colour$/]],
    ['default style', [/^ThingProps\.shade: "No shade\."$/]],
    ['props match interface', [/ThingProps\.size \/ IThing\.size: the props summary does not start/, /ThingProps\.size \/ IThing\.size: defaults differ/]],
    ['no unions', [/^ThingProps\.either$/]],
  ])('%s', (rule, patterns) => {
    expect(found[rule]).toHaveLength(patterns.length);
    patterns.forEach((pattern, i) => expect(found[rule][i]).toMatch(pattern));
  });
});
