"""Summarises a JFR recording: where the CPU samples (jdk.ExecutionSample) and the allocation samples
(jdk.ObjectAllocationSample, by weight) fall — top frames by self time, and inclusive shares of the
libraries and packages a request passes through.

  python3 bench/speed/jfr-top.py recording.jfr [top N]
"""
import collections, re, subprocess, sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
GROUPS = [  # (label, regex on a frame), first match per group counts once per sample (inclusive)
    ("Hibernate ORM", r"^org\.hibernate\."), ("Narayana / JTA", r"^com\.arjuna\.|^io\.quarkus\.narayana|^jakarta\.transaction"),
    ("Agroal pool", r"^io\.agroal\."), ("PostgreSQL JDBC", r"^org\.postgresql\."),
    ("SmallRye JWT / jose4j", r"^io\.smallrye\.jwt\.|^org\.jose4j\."), ("Micrometer", r"^io\.micrometer\."),
    ("Jackson", r"^com\.fasterxml\.jackson\."), ("OpenTelemetry", r"^io\.opentelemetry\."),
    ("Logging (JBoss LogManager)", r"^org\.jboss\.logmanager\.|^org\.jboss\.logging\."),
    ("CDI (ArC) events / interceptors", r"^io\.quarkus\.arc\."), ("RESTEasy Reactive", r"^org\.jboss\.resteasy\.reactive\."),
    ("Vert.x / Netty", r"^io\.vertx\.|^io\.netty\."), ("libphonenumber", r"^com\.google\.i18n\.phonenumbers\."),
    ("our code (com.clubos)", r"^com\.clubos\."), ("JIT / GC / VM", r"^jdk\.internal\.|^java\.lang\.invoke\."),
]


def stacks(event):
    out = subprocess.run(["jfr", "print", "--events", event, "--stack-depth", "96", path],
                         capture_output=True, text=True, check=True).stdout
    for block in out.split(event + " {")[1:]:
        weight = 1
        m = re.search(r"weight = ([\d.]+) (bytes|kB|MB|GB)", block)
        if m:
            weight = float(m.group(1)) * {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}[m.group(2)]
        frames = re.findall(r"^\s+([\w$.<>]+)\(.*?line: \d+", block, re.M)
        obj = re.search(r"objectClass = ([\w$.\[\]]+)", block)
        yield weight, frames, obj.group(1) if obj else None


def report(event, label):
    self_count, groups, ours, classes, total = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter(), 0
    for weight, frames, obj in stacks(event):
        if not frames:
            continue
        total += weight
        self_count[frames[0]] += weight
        if obj:
            classes[obj] += weight
        for name, rx in GROUPS:
            if any(re.search(rx, f) for f in frames):
                groups[name] += weight
        first_ours = next((f for f in frames if f.startswith("com.clubos.")), None)
        if first_ours:
            ours[first_ours] += weight
    print(f"### {label}: {event}, {total:,.0f} {'samples' if 'Execution' in event else 'bytes sampled'}\n")
    pct = lambda w: 100.0 * w / total if total else 0
    print("Inclusive share (a sample counts once per group it passes through):\n")
    for name, w in groups.most_common():
        print(f"- {name}: {pct(w):.1f} %")
    print(f"\nTop {top} frames by self {'time' if 'Execution' in event else 'allocation'}:\n")
    for f, w in self_count.most_common(top):
        print(f"- {pct(w):5.1f} % {f}")
    print(f"\nOur innermost method on the stack (top 15):\n")
    for f, w in ours.most_common(15):
        print(f"- {pct(w):5.1f} % {f}")
    if classes:
        print(f"\nAllocated classes (top 15):\n")
        for c, w in classes.most_common(15):
            print(f"- {pct(w):5.1f} % {c}")
    print()


report("jdk.ExecutionSample", "CPU")
report("jdk.ObjectAllocationSample", "Allocation")
