'use strict';
/**
 * The fairness check, run before any timing: the variants must build the same app.
 *
 * - ours and peer (same API, same construct ids) must give the same resources, after
 *   normalizing only the known differences listed in NORMALIZATIONS (newer aws-cdk-lib
 *   rendering, and this library's documented deviations in DEVIATIONS.md);
 * - ours and floor must give the same template once logical ids lose their hash suffix
 *   (the floor's L1s sit directly in the stack, so their ids carry no hash).
 */
const { isDeepStrictEqual } = require('util');
const { Stack } = require('aws-cdk-lib');
const { VARIANTS, newApp } = require('./variants');

/**
 * Known differences between this library's template and the peer's. Each applies to one
 * resource's Properties and returns true when it changed something; only those are reported.
 */
const NORMALIZATIONS = [
  {
    name: 'peer (aws-cdk-lib 2.276) leaves out ComputeResources.UpdateToLatestImageVersion unless set; 2.95.1 renders true',
    apply: (type, props) => {
      if (type !== 'AWS::Batch::ComputeEnvironment' || props.ComputeResources?.UpdateToLatestImageVersion === undefined) return false;
      delete props.ComputeResources.UpdateToLatestImageVersion;
      return true;
    },
  },
  {
    name: 'peer (aws-cdk-lib 2.276) renders an empty ContainerProperties.RuntimePlatform, which 2.95.1 does not have',
    apply: (type, props) => {
      const rp = props.ContainerProperties?.RuntimePlatform;
      if (type !== 'AWS::Batch::JobDefinition' || rp === undefined || Object.keys(rp).length > 0) return false;
      delete props.ContainerProperties.RuntimePlatform;
      return true;
    },
  },
  {
    name: 'ours renders no UpdatePolicy (nor UpdateToLatestImageVersion) on Fargate compute environments, which Batch cannot update with a policy (DEVIATIONS.md C3)',
    apply: (type, props) => {
      const fargate = /^FARGATE/.test(props.ComputeResources?.Type ?? '');
      if (type !== 'AWS::Batch::ComputeEnvironment' || !fargate || props.UpdatePolicy === undefined || Object.keys(props.UpdatePolicy).length > 0) return false;
      delete props.UpdatePolicy;
      return true;
    },
  },
];

function synthTemplate(variant, n) {
  const app = newApp();
  const stack = new Stack(app, 'Stack');
  VARIANTS[variant].build(stack, n);
  return app.synth().getStackByName('Stack').template;
}

/** The template with every logical id (keys and references to them) stripped of its hash. */
function withoutHashes(template) {
  const rename = new Map();
  const seen = new Map();
  for (const id of Object.keys(template.Resources)) {
    const short = id.replace(/[0-9A-F]{8}$/, '');
    if (seen.has(short)) throw new Error(`logical ids ${seen.get(short)} and ${id} collide without their hash`);
    seen.set(short, id);
    rename.set(id, short);
  }
  const walk = (x) => {
    if (typeof x === 'string') return rename.get(x) ?? x;
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [rename.get(k) ?? k, walk(v)]));
    return x;
  };
  return walk(template);
}

function normalize(template, applied) {
  const copy = structuredClone(template);
  for (const [id, r] of Object.entries(copy.Resources)) {
    for (const n of NORMALIZATIONS) {
      if (r.Properties && n.apply(r.Type, r.Properties)) applied.set(n.name, (applied.get(n.name) ?? []).concat(id));
    }
  }
  return copy;
}

/** Paths at which two JSON values differ (at most `limit`). */
function differences(a, b, path = '', out = [], limit = 20) {
  if (out.length >= limit || isDeepStrictEqual(a, b)) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[k], b[k], `${path}/${k}`, out, limit);
  } else {
    out.push(`${path || '/'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
  return out;
}

function countByType(template) {
  const counts = {};
  for (const r of Object.values(template.Resources)) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
  return counts;
}

/**
 * Builds the app with N units in each variant and compares. Returns a report; `ok` is false
 * when any difference remains.
 */
function checkVariants(n = 2, variants = Object.keys(VARIANTS)) {
  const templates = Object.fromEntries(variants.map((v) => [v, synthTemplate(v, n)]));
  const report = { n, ok: true, resourceCounts: {}, normalized: [], problems: [] };
  for (const v of variants) report.resourceCounts[v] = Object.keys(templates[v].Resources).length;

  if (templates.ours && templates.peer) {
    const applied = new Map();
    const ours = normalize(templates.ours, applied);
    const peer = normalize(templates.peer, applied);
    for (const [name, where] of applied) report.normalized.push(`${name}: ${where.length} resource(s)`);
    const diff = differences(ours.Resources, peer.Resources);
    if (diff.length) report.problems.push(`ours vs peer: ${diff.join('; ')}`);
  }
  if (templates.ours && templates.floor) {
    const diff = differences(withoutHashes(templates.ours), withoutHashes(templates.floor));
    if (diff.length) report.problems.push(`ours vs floor: ${diff.join('; ')}`);
  }
  const counts = variants.map((v) => JSON.stringify(countByType(templates[v])));
  if (new Set(counts).size > 1) report.problems.push(`resource counts by type differ: ${variants.map((v, i) => `${v} ${counts[i]}`).join(', ')}`);
  report.ok = report.problems.length === 0;
  return report;
}

module.exports = { checkVariants, synthTemplate, withoutHashes, countByType, NORMALIZATIONS };
