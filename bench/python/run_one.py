"""One measured Python run, in its own process: `python run_one.py <ours|peer> <n>`.

Prints one JSON line like bench/run-one.js. Through the binding, the constructs live in a
Node.js process (the jsii kernel) that Python drives call by call, so CPU time and peak RSS
are reported for both processes, and wall-clock time covers the calls between them.
"""
import json
import os
import resource
import shutil
import sys
import tempfile
import time


def children(pid):
    found = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return found


def kernel_pids():
    """The descendants of this process: the jsii runtime (node) and the kernel it starts."""
    pids, todo = [], children(os.getpid())
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo += children(pid)
    return pids


def kernel_cpu_ms():
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in kernel_pids():
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) * 1000 / ticks  # utime, stime
        except OSError:
            pass
    return total


def kernel_peak_rss_mib():
    peak = 0
    for pid in kernel_pids():
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak += int(line.split()[1]) / 1024
        except OSError:
            pass
    return peak


def cpu_ms():
    """CPU time of this process and the kernel, in ms."""
    t = os.times()
    return (t.user + t.system) * 1000 + kernel_cpu_ms()


def template(variant, n):
    """`--template <variant> <n>`: print the synthesized template (for the fairness check)."""
    import aws_cdk as cdk
    from app import build_with_l2, load_variant, new_app

    app = new_app()
    stack = cdk.Stack(app, "Stack")
    build_with_l2(load_variant(variant), stack, n)
    print(json.dumps(app.synth().get_stack_by_name("Stack").template))


def main():
    if sys.argv[1] == "--template":
        return template(sys.argv[2], int(sys.argv[3]))
    variant, n = sys.argv[1], int(sys.argv[2])
    t0 = time.perf_counter()
    import aws_cdk as cdk
    from app import build_with_l2, load_variant, new_app

    batch = load_variant(variant)
    # Load the modules on both sides by building one unit in a throwaway app first.
    build_with_l2(batch, cdk.Stack(new_app(), "Warm"), 1)
    t1 = time.perf_counter()

    outdir = tempfile.mkdtemp(prefix="batch-bench-py-")
    try:
        app = new_app(outdir, cli=True)
        stack = cdk.Stack(app, "Stack")
        t2, c2 = time.perf_counter(), cpu_ms()
        build_with_l2(batch, stack, n)
        t3, c3 = time.perf_counter(), cpu_ms()
        assembly = app.synth()
        t4, c4 = time.perf_counter(), cpu_ms()
        resources = len(assembly.get_stack_by_name("Stack").template["Resources"])
        python_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        kernel_rss = kernel_peak_rss_mib()
        print(json.dumps({
            "variant": variant,
            "n": n,
            "resources": resources,
            "loadMs": (t1 - t0) * 1000,
            "constructMs": (t3 - t2) * 1000,
            "synthMs": (t4 - t3) * 1000,
            "constructCpuMs": c3 - c2,
            "synthCpuMs": c4 - c3,
            "pythonRssMiB": python_rss,
            "kernelRssMiB": kernel_rss,
            "maxRssMiB": python_rss + kernel_rss,
        }))
    finally:
        shutil.rmtree(outdir, ignore_errors=True)


if __name__ == "__main__":
    main()
