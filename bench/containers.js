#!/usr/bin/env node
'use strict';
/**
 * What a container costs in a multi-container job definition against a single-container one:
 * `node bench/containers.js [--containers 200] [--per-job 1,5,10] [--runs 5]`.
 *
 * Each case builds the same number of containers (`--containers`, same settings: a registry image,
 * a command, an environment variable, a secret, a volume) in one stack and synthesizes it:
 *   single    - one `EcsJobDefinition` per container (an `EcsEc2ContainerDefinition` each)
 *   multi/K   - `EcsMultiContainerJobDefinition`s of K containers each (an `EcsEc2TaskDefinition`)
 * Every run is a fresh process (`--one <case> <containers>`), after a warm-up in a throwaway app so
 * that module loading is not counted; the median CPU time (construction + synthesis) of the runs is
 * divided by the number of containers. The library is the built `lib/` (`npm run build` first).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

function build(batch, stack, kind, containers) {
  const { Size } = require('aws-cdk-lib');
  const ecs = require('aws-cdk-lib/aws-ecs');
  const secretsmanager = require('aws-cdk-lib/aws-secretsmanager');
  const secret = batch.Secret.fromSecretsManager(new secretsmanager.Secret(stack, 'Secret'));
  const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');
  const settings = (i) => ({
    image,
    cpu: 1,
    memory: Size.mebibytes(512),
    command: ['run', `--shard=${i}`],
    environment: { SHARD: String(i) },
    secrets: { TOKEN: secret },
    volumes: [batch.EcsVolume.host({ name: 'scratch', containerPath: '/scratch', hostPath: '/var/scratch' })],
  });
  if (kind === 'single') {
    for (let i = 0; i < containers; i++) {
      new batch.EcsJobDefinition(stack, `Job${i}`, { container: new batch.EcsEc2ContainerDefinition(stack, `Container${i}`, settings(i)) });
    }
    return;
  }
  const perJob = Number(kind.split('/')[1]);
  for (let j = 0; j * perJob < containers; j++) {
    const task = new batch.EcsEc2TaskDefinition(stack, `Task${j}`);
    for (let k = 0; k < perJob && j * perJob + k < containers; k++) {
      task.addContainer({ name: `c${k}`, essential: k === 0, ...settings(j * perJob + k) });
    }
    new batch.EcsMultiContainerJobDefinition(stack, `Job${j}`, { task });
  }
}

function runOne(kind, containers) {
  const { App, Stack } = require('aws-cdk-lib');
  const batch = require(path.join(__dirname, '..', 'lib'));
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const newApp = (outdir) => new App({ outdir, builtinCloudFormationValidation: false, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  const warm = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-bench-'));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-bench-'));
  try {
    const warmApp = newApp(warm);
    build(batch, new Stack(warmApp, 'Warm'), kind, 10);
    warmApp.synth();
    const app = newApp(outdir);
    const stack = new Stack(app, 'Stack');
    const c0 = cpu();
    build(batch, stack, kind, containers);
    const c1 = cpu();
    const template = app.synth().getStackByName('Stack').template;
    const c2 = cpu();
    return { kind, containers, resources: Object.keys(template.Resources).length, constructCpuMs: c1 - c0, synthCpuMs: c2 - c1 };
  } finally {
    fs.rmSync(warm, { recursive: true, force: true });
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

if (args[0] === '--one') {
  process.stdout.write(JSON.stringify(runOne(args[1], Number(args[2]))) + '\n');
} else {
  const containers = Number(flag('containers', 200));
  const runs = Number(flag('runs', 5));
  const kinds = ['single', ...flag('per-job', '1,5,10').split(',').map((k) => `multi/${k}`)];
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const samples = Object.fromEntries(kinds.map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    // kinds take turns, in an order that rotates each round
    for (const kind of kinds.map((_, i) => kinds[(i + r) % kinds.length])) {
      const out = execFileSync(process.execPath, [__filename, '--one', kind, String(containers)], { encoding: 'utf8' });
      samples[kind].push(JSON.parse(out.trim().split('\n').pop()));
    }
  }
  const single = median(samples.single.map((s) => s.constructCpuMs + s.synthCpuMs)) / containers;
  console.log(`${containers} containers, median of ${runs} runs, CPU ms (construction + synthesis)`);
  console.log(`${'case'.padEnd(10)} ${'resources'.padStart(9)} ${'total ms'.padStart(9)} ${'ms/container'.padStart(12)} ${'vs single'.padStart(9)}`);
  const rows = [];
  for (const kind of kinds) {
    const total = median(samples[kind].map((s) => s.constructCpuMs + s.synthCpuMs));
    const perContainer = total / containers;
    rows.push({ kind, resources: samples[kind][0].resources, totalCpuMs: total, cpuMsPerContainer: perContainer, ratio: perContainer / single });
    console.log(`${kind.padEnd(10)} ${String(samples[kind][0].resources).padStart(9)} ${total.toFixed(0).padStart(9)} ${perContainer.toFixed(2).padStart(12)} ${(perContainer / single).toFixed(2).padStart(9)}`);
  }
  const out = flag('json');
  if (out) {
    fs.writeFileSync(out, JSON.stringify({ containers, runs, loadavg: os.loadavg(), rows }, null, 2) + '\n');
  }
}
