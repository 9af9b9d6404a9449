#!/usr/bin/env python3
"""Python benchmark (`npm run bench:python [-- options]`): this library's wheel against the
stable `aws_cdk.aws_batch` of the aws-cdk-lib wheel, building the app of bench/app.js.

Uses the wheel in dist/python (built by `npm run package`); without one it prints why and
exits 0. Installs into its own virtualenv, .cache/bench-venv (aws-cdk-lib from PyPI, pinned in
requirements.txt; the wheel is reinstalled whenever it changes).

Options: --n 100 (unit count), --runs 5, --warmup 1, --out bench/results.json ('' to skip;
the results go under its "python" key, the rest of the file is kept).
"""
import argparse
import glob
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(ROOT, ".cache", "bench-venv")
PY = os.path.join(VENV, "bin", "python")
VARIANTS = ["ours", "peer"]
METRICS = ["constructMs", "synthMs", "totalMs", "constructCpuMs", "synthCpuMs", "totalCpuMs", "maxRssMiB"]
ENV = dict(os.environ, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20")


def log(msg):
    print(msg, file=sys.stderr if ARGS.json else sys.stdout, flush=True)


def find_wheel():
    wheels = sorted(glob.glob(os.path.join(ROOT, "dist", "python", "*.whl")), key=os.path.getmtime)
    return wheels[-1] if wheels else None


def ensure_venv(wheel):
    if not os.path.exists(PY):
        log(f"python bench: creating {os.path.relpath(VENV, ROOT)}")
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([PY, "-m", "pip", "install", "--quiet", "-r", os.path.join(HERE, "requirements.txt")], check=True)
    with open(wheel, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    stamp = os.path.join(VENV, "batch-wheel.sha256")
    if not os.path.exists(stamp) or open(stamp).read() != digest:
        log(f"python bench: installing {os.path.relpath(wheel, ROOT)}")
        subprocess.run([PY, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", wheel], check=True)
        with open(stamp, "w") as f:
            f.write(digest)


def run(args):
    r = subprocess.run([PY, os.path.join(HERE, "run_one.py"), *args], cwd=HERE, env=ENV, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"run_one.py {' '.join(args)} failed:\n{r.stderr[-4000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def normalize(template):
    """The known differences between this library's and the peer's resources (see bench/check.js):
    aws-cdk-lib 2.276 against 2.95.1 (UpdateToLatestImageVersion, RuntimePlatform) and DEVIATIONS.md C3."""
    for r in template["Resources"].values():
        props = r.get("Properties", {})
        if r["Type"] == "AWS::Batch::ComputeEnvironment":
            props.get("ComputeResources", {}).pop("UpdateToLatestImageVersion", None)
            if props.get("ComputeResources", {}).get("Type", "").startswith("FARGATE") and props.get("UpdatePolicy") == {}:
                props.pop("UpdatePolicy")
        if r["Type"] == "AWS::Batch::JobDefinition" and props.get("ContainerProperties", {}).get("RuntimePlatform") == {}:
            props["ContainerProperties"].pop("RuntimePlatform")
    return template


def check():
    templates = {v: normalize(run(["--template", v, "1"])) for v in VARIANTS}
    ours, peer = (templates[v]["Resources"] for v in VARIANTS)
    different = sorted(k for k in set(ours) | set(peer) if ours.get(k) != peer.get(k))
    if different:
        raise SystemExit(f"python bench: ours and peer build different resources: {', '.join(different[:10])}")
    log(f"python bench: fairness check (N=1): ours and peer build the same {len(ours)} resources "
        "(after the normalizations of bench/check.js)")


def main():
    wheel = find_wheel()
    if not wheel:
        msg = "python bench: skipped, no wheel in dist/python (run `npm run package` to build it)"
        log(msg)
        if ARGS.json:
            print(json.dumps({"skipped": msg}))
        return
    ensure_venv(wheel)
    check()
    runs = {v: [] for v in VARIANTS}
    log(f"python bench: N = {ARGS.n}; {ARGS.warmup} warm-up + {ARGS.runs} runs per variant, each in a fresh process")
    for rnd in range(ARGS.warmup + ARGS.runs):
        for v in VARIANTS[rnd % 2:] + VARIANTS[:rnd % 2]:
            m = run([v, str(ARGS.n)])
            m["totalMs"] = m["constructMs"] + m["synthMs"]
            m["totalCpuMs"] = m["constructCpuMs"] + m["synthCpuMs"]
            warm = rnd < ARGS.warmup
            if not warm:
                runs[v].append(m)
            log(f"  N={ARGS.n} {'warm-up' if warm else f'run {rnd - ARGS.warmup + 1}/{ARGS.runs}'} {v:5} "
                f"construct {m['constructMs']:.0f} ms, synth {m['synthMs']:.0f} ms, cpu {m['totalCpuMs']:.0f} ms, "
                f"rss {m['maxRssMiB']:.0f} MiB")
    medians = {v: {k: statistics.median(m[k] for m in runs[v]) for k in METRICS} for v in VARIANTS}
    ratios = {"ours/peer": {k: medians["ours"][k] / medians["peer"][k] for k in METRICS}}
    cols = [("construct ms", "constructMs"), ("synth ms", "synthMs"), ("total ms", "totalMs"),
            ("total cpu ms", "totalCpuMs"), ("peak RSS MiB", "maxRssMiB")]
    lines = ["| N | variant | " + " | ".join(h for h, _ in cols) + " |", "| --: | :-- |" + " --: |" * len(cols)]
    for v in VARIANTS:
        lines.append(f"| {ARGS.n} | {v} | " + " | ".join(f"{medians[v][k]:.0f}" for _, k in cols) + " |")
    lines.append(f"| {ARGS.n} | **ours/peer** | " + " | ".join(f"{ratios['ours/peer'][k]:.2f}×" for _, k in cols) + " |")
    log("\npython medians (wall-clock ms; CPU and peak RSS of the Python process plus the jsii kernel):\n")
    log("\n".join(lines))
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "wheel": os.path.basename(wheel),
        "n": ARGS.n, "runs": ARGS.runs, "warmup": ARGS.warmup,
        "loadAverage": [round(x, 2) for x in os.getloadavg()],
        "medians": medians, "ratios": ratios, "runsDetail": runs,
    }
    if ARGS.out:
        doc = json.load(open(ARGS.out)) if os.path.exists(ARGS.out) else {}
        doc["python"] = result
        with open(ARGS.out, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        log(f"\nwrote {os.path.relpath(ARGS.out)}")
    if ARGS.json:
        print(json.dumps(result))


parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--n", type=int, default=100)
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--warmup", type=int, default=1)
parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results.json"))
parser.add_argument("--json", action="store_true", help="print the result as one JSON line on stdout (logs go to stderr)")
ARGS = parser.parse_args()

if __name__ == "__main__":
    main()
