#!/usr/bin/env python3
"""Generate the test suite of the `score` sandbox.

Writes Sandboxes/score/suite/cases.jsonl (or the path given as the first
argument): one JSON object per line, {"id": ..., "args": {"a", "n", "b", "m"}}.

The output is deterministic: a fixed seed, Python's Mersenne Twister used only
through integer draws (randrange, randint, shuffle), no floating point, and a
fixed key order. Running the script twice gives byte-identical files.

Contract reminder: 0 <= n, m <= 1024 in the suite (n < 1 or m < 1 exercises
the error path), every value in [0, 2^40).
"""

import json
import os
import random
import sys

SEED = 20240611
MAX_VALUE = (1 << 40) - 1
MAX_LEN = 1024

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO, "Sandboxes", "score", "suite", "cases.jsonl")


class Suite:
    def __init__(self):
        self.cases = []
        self.ids = set()

    def add(self, case_id, a, b):
        if case_id in self.ids:
            raise ValueError("duplicate id " + case_id)
        if len(a) > MAX_LEN or len(b) > MAX_LEN:
            raise ValueError("too long: " + case_id)
        for v in a + b:
            if not isinstance(v, int) or v < 0 or v > MAX_VALUE:
                raise ValueError("value out of range in %s: %r" % (case_id, v))
        self.ids.add(case_id)
        self.cases.append({"id": case_id,
                           "args": {"a": list(a), "n": len(a), "b": list(b), "m": len(b)}})

    def write(self, path):
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for case in self.cases:
                f.write(json.dumps(case, separators=(",", ":")) + "\n")


def uniform(rng, count, lo=0, hi=MAX_VALUE):
    return [rng.randint(lo, hi) for _ in range(count)]


def approx_normal(rng, spread):
    """Integer noise in [-4*spread, 4*spread], roughly bell shaped (sum of 4 uniforms)."""
    return sum(rng.randint(-spread, spread) for _ in range(4))


def timing(rng, count, base, noise_permille, outlier_permille=0, resolution=1):
    """Timing-like samples in ns: base with a few-percent noise, a right tail and outliers."""
    spread = max(1, base * noise_permille // 4000)
    values = []
    for _ in range(count):
        v = base + approx_normal(rng, spread)
        # Mild right skew: occasional small positive bumps (scheduling jitter).
        if rng.randrange(100) < 10:
            v += rng.randint(0, spread * 3)
        if outlier_permille and rng.randrange(1000) < outlier_permille:
            v = v * rng.randint(150, 400) // 100
        if resolution > 1:
            v -= v % resolution
        values.append(max(0, min(MAX_VALUE, v)))
    return values


def build():
    rng = random.Random(SEED)
    s = Suite()

    # ---- error path: n < 1 or m < 1 (returns -1, writes nothing) ----
    s.add("edge-n0-m0", [], [])
    s.add("edge-n0-m1", [], [5])
    s.add("edge-n1-m0", [5], [])
    s.add("edge-n0-m7", [], uniform(rng, 7))
    s.add("edge-n8-m0", uniform(rng, 8), [])
    s.add("edge-n0-m1024", [], uniform(rng, 1024, 100000, 200000))
    s.add("edge-n1024-m0", uniform(rng, 1024, 100000, 200000), [])

    # ---- single samples ----
    s.add("single-1x1-equal", [42], [42])
    s.add("single-1x1-b-faster", [1000], [999])
    s.add("single-1x1-b-slower", [999], [1000])
    s.add("single-1x1-zeros", [0], [0])
    s.add("single-1x1-max", [MAX_VALUE], [MAX_VALUE])
    s.add("single-1x1-zero-vs-max", [0], [MAX_VALUE])
    s.add("single-1x1-max-vs-zero", [MAX_VALUE], [0])
    for n, m in [(1, 2), (2, 1), (1, 3), (3, 1), (1, 8), (9, 1), (1, 100), (101, 1)]:
        s.add("single-%dx%d-random" % (n, m), uniform(rng, n, 0, 1000), uniform(rng, m, 0, 1000))
    s.add("single-1x1024-timing", timing(rng, 1, 500000, 30), timing(rng, 1024, 480000, 30, 10))
    s.add("single-1024x1-timing", timing(rng, 1024, 500000, 30, 10), timing(rng, 1, 520000, 30))
    s.add("single-1x1024-full-range", uniform(rng, 1), uniform(rng, 1024))
    s.add("single-1024x1-full-range", uniform(rng, 1024), uniform(rng, 1))
    s.add("single-1x1023-middle", [500], list(range(1, 1024)))
    s.add("single-1024x1-middle", list(range(1024)), [512])

    # ---- parity of the median indices ----
    for n, m in [(2, 2), (3, 3), (2, 3), (3, 2), (4, 5), (5, 4), (6, 6), (7, 7),
                 (10, 11), (11, 10), (16, 17), (31, 32), (64, 64), (63, 65)]:
        s.add("parity-%dx%d" % (n, m), uniform(rng, n, 0, 10 ** 6), uniform(rng, m, 0, 10 ** 6))
    # Even sizes where the two middle elements differ a lot (the sum matters).
    s.add("parity-even-gap-2x2", [0, MAX_VALUE], [1, MAX_VALUE - 1])
    s.add("parity-even-gap-4x6", [0, 0, MAX_VALUE, MAX_VALUE], [0, 0, 0, MAX_VALUE, MAX_VALUE, MAX_VALUE])
    s.add("parity-odd-even-3x4", [1, 2, 3], [10, 20, 30, 40])
    s.add("parity-even-odd-4x3", [10, 20, 30, 40], [1, 2, 3])

    # ---- ties ----
    for n, m, v in [(7, 9, 12345), (8, 8, 0), (1, 5, 77), (5, 1, 77), (16, 16, MAX_VALUE),
                    (33, 2, 1000000), (100, 100, 424242), (1024, 64, 7777777), (1024, 100, MAX_VALUE)]:
        suffix = "-max" if v == MAX_VALUE else ("-zero" if v == 0 else "")
        s.add("ties-all-equal-%dx%d%s" % (n, m, suffix), [v] * n, [v] * m)
    for n, m, distinct in [(10, 10, 2), (20, 15, 3), (15, 20, 3), (50, 50, 4), (64, 63, 5),
                           (200, 200, 2), (512, 48, 10), (1024, 128, 3), (7, 300, 2), (300, 7, 2)]:
        pool = sorted(set(uniform(rng, distinct, 0, 10 ** 6)))
        s.add("ties-few-distinct-%d-%dx%d" % (len(pool), n, m),
              [rng.choice(pool) for _ in range(n)], [rng.choice(pool) for _ in range(m)])
    # a constant, b varying around it (and the reverse).
    s.add("ties-a-constant-10x20", [500] * 10, [rng.choice([499, 500, 501]) for _ in range(20)])
    s.add("ties-b-constant-20x10", [rng.choice([499, 500, 501]) for _ in range(20)], [500] * 10)

    # ---- complete separation ----
    for n, m in [(1, 1), (5, 5), (10, 7), (7, 10), (100, 100), (1024, 40), (1024, 3), (3, 1024)]:
        a = uniform(rng, n, 0, 10 ** 6)
        b = uniform(rng, m, 10 ** 6 + 1, 2 * 10 ** 6)
        s.add("sep-a-below-b-%dx%d" % (n, m), a, b)
        s.add("sep-a-above-b-%dx%d" % (m, n), b, a)
    s.add("sep-touching-a-below-b-6x6", [1, 2, 3, 4, 5, 6], [6, 7, 8, 9, 10, 11])
    s.add("sep-touching-a-above-b-6x6", [6, 7, 8, 9, 10, 11], [1, 2, 3, 4, 5, 6])
    s.add("sep-extreme-a-zero-b-max-9x8", [0] * 9, [MAX_VALUE] * 8)
    s.add("sep-extreme-a-max-b-zero-8x9", [MAX_VALUE] * 8, [0] * 9)
    s.add("sep-extreme-a-zero-b-max-1024x1024", [0] * 1024, [MAX_VALUE] * 1024)
    s.add("sep-extreme-a-max-b-zero-1024x256", [MAX_VALUE] * 1024, [0] * 256)

    # ---- extreme values ----
    extremes = [0, 1, MAX_VALUE - 1, MAX_VALUE]
    for n, m in [(2, 2), (3, 5), (8, 8), (17, 16), (100, 99), (1024, 32)]:
        s.add("extreme-mix-%dx%d" % (n, m),
              [rng.choice(extremes) for _ in range(n)], [rng.choice(extremes) for _ in range(m)])
    for n, m in [(5, 5), (64, 64), (100, 1023)]:
        s.add("extreme-two-values-%dx%d" % (n, m),
              [rng.choice([0, MAX_VALUE]) for _ in range(n)], [rng.choice([0, MAX_VALUE]) for _ in range(m)])
    s.add("extreme-full-range-1024x64", uniform(rng, 1024), uniform(rng, 64))
    s.add("extreme-full-range-1023x65", uniform(rng, 1023), uniform(rng, 65))
    s.add("extreme-near-max-50x50", uniform(rng, 50, MAX_VALUE - 100, MAX_VALUE),
          uniform(rng, 50, MAX_VALUE - 100, MAX_VALUE))
    s.add("extreme-near-zero-50x50", uniform(rng, 50, 0, 100), uniform(rng, 50, 0, 100))

    # ---- maximal sizes ----
    s.add("max-1024x200-timing-b-faster", timing(rng, 1024, 2000000, 40, 5), timing(rng, 200, 1940000, 40, 5))
    s.add("max-1024x128-timing-same", timing(rng, 1024, 750000, 30, 5), timing(rng, 128, 750000, 30, 5))
    s.add("max-1024x150-small-range", uniform(rng, 1024, 0, 50), uniform(rng, 150, 0, 50))
    s.add("max-1023x96-timing", timing(rng, 1023, 300000, 50, 10), timing(rng, 96, 310000, 50, 10))
    s.add("max-1024x2-timing", timing(rng, 1024, 800000, 30), timing(rng, 2, 790000, 30))
    s.add("max-2x1024-timing", timing(rng, 2, 800000, 30), timing(rng, 1024, 810000, 30))
    s.add("max-1024x17-random", uniform(rng, 1024, 0, 10 ** 9), uniform(rng, 17, 0, 10 ** 9))
    s.add("max-17x1024-random", uniform(rng, 17, 0, 10 ** 9), uniform(rng, 1024, 0, 10 ** 9))

    # ---- sorted and reversed inputs ----
    for n, m in [(10, 10), (33, 32), (256, 256), (1024, 40)]:
        a = sorted(uniform(rng, n, 0, 10 ** 7))
        b = sorted(uniform(rng, m, 0, 10 ** 7))
        s.add("sorted-asc-%dx%d" % (n, m), a, b)
        s.add("sorted-desc-%dx%d" % (n, m), a[::-1], b[::-1])
        s.add("sorted-asc-desc-%dx%d" % (n, m), a, b[::-1])
    s.add("sorted-ramp-1024x256", list(range(1024)), list(range(255, -1, -1)))
    s.add("sorted-ramp-shifted-500x400", list(range(100, 600)), list(range(0, 400)))

    # ---- identical a and b ----
    for n in [1, 2, 3, 10, 11, 100, 101, 301]:
        a = timing(rng, n, 1000000, 50, 10)
        s.add("identical-%dx%d" % (n, n), a, list(a))
    b = uniform(rng, 77, 0, 10 ** 6)
    a = list(b)
    rng.shuffle(a)
    s.add("identical-shuffled-77x77", a, b)

    # ---- duplicates ----
    for n, m in [(12, 12), (40, 30), (30, 40), (300, 300)]:
        pool = uniform(rng, max(2, n // 4), 10 ** 5, 10 ** 6)
        s.add("dup-heavy-%dx%d" % (n, m), [rng.choice(pool) for _ in range(n)],
              [rng.choice(pool) for _ in range(m)])
    s.add("dup-pairs-50x50", [v for v in uniform(rng, 25, 0, 10 ** 6) for _ in range(2)],
          [v for v in uniform(rng, 25, 0, 10 ** 6) for _ in range(2)])
    common = uniform(rng, 10, 0, 1000)
    s.add("dup-shared-values-20x20", common + common, common[::-1] + common)

    # ---- small random ----
    for i in range(40):
        n = rng.randint(1, 16)
        m = rng.randint(1, 16)
        kind = i % 4
        if kind == 0:
            lo, hi = 0, 10
        elif kind == 1:
            lo, hi = 0, 1000
        elif kind == 2:
            lo, hi = 0, MAX_VALUE
        else:
            lo, hi = 10 ** 6, 10 ** 6 + 20
        s.add("rand-small-%dx%d-%03d" % (n, m, i), uniform(rng, n, lo, hi), uniform(rng, m, lo, hi))
    for i in range(12):
        n = rng.randint(17, 300)
        m = rng.randint(17, 300)
        s.add("rand-medium-%dx%d-%03d" % (n, m, i), uniform(rng, n, 0, 10 ** rng.randint(2, 12)),
              uniform(rng, m, 0, 10 ** rng.randint(2, 12)))

    # ---- realistic timing samples ----
    sizes = [(5, 5), (7, 7), (10, 10), (10, 12), (15, 15), (20, 20), (21, 19), (30, 30),
             (31, 31), (50, 50), (64, 64), (100, 100), (100, 80), (128, 128), (200, 200),
             (256, 255), (300, 280), (400, 100)]
    # (label, candidate speed-up in per-mille: b = a * (1000 - x) / 1000)
    scenarios = [("b-faster-1pct", 10), ("b-faster-3pct", 30), ("b-faster-10pct", 100),
                 ("b-slower-2pct", -20), ("b-slower-5pct", -50), ("same", 0)]
    counter = 0
    for si, (n, m) in enumerate(sizes):
        for j, (label, speedup) in enumerate(scenarios):
            # Keep the file small: every size gets 3 of the 6 scenarios, alternating.
            if (si + j) % 2 == 1:
                continue
            base = rng.choice([100000, 250000, 1000000, 3300000, 10000000]) + rng.randint(0, 99999)
            noise = rng.choice([10, 20, 30, 50])
            outliers = rng.choice([0, 0, 10, 30])
            res = rng.choice([1, 1, 1, 10, 100])
            a = timing(rng, n, base, noise, outliers, res)
            b = timing(rng, m, base * (1000 - speedup) // 1000, noise, outliers, res)
            s.add("timing-%s-%dx%d-%03d" % (label, n, m, counter), a, b)
            counter += 1
    # Drifting measurements (warm-up): the first samples are slower.
    for n in [20, 60]:
        a = [v + max(0, (10 - i)) * 20000 for i, v in enumerate(timing(rng, n, 400000, 20))]
        b = [v + max(0, (10 - i)) * 20000 for i, v in enumerate(timing(rng, n, 390000, 20))]
        s.add("timing-warmup-%dx%d" % (n, n), a, b)
    # Heavy outliers in only one side.
    s.add("timing-outliers-a-only-40x40", timing(rng, 40, 900000, 20, 200), timing(rng, 40, 900000, 20))
    s.add("timing-outliers-b-only-40x40", timing(rng, 40, 900000, 20), timing(rng, 40, 900000, 20, 200))
    # Coarse clock: values rounded to 1 microsecond, many ties.
    s.add("timing-coarse-clock-100x100", timing(rng, 100, 120000, 10, 0, 1000), timing(rng, 100, 119000, 10, 0, 1000))
    s.add("timing-coarse-clock-1024x80", timing(rng, 1024, 5000000, 10, 5, 100000),
          timing(rng, 80, 4950000, 10, 5, 100000))
    return s


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    suite = build()
    suite.write(out)
    print("wrote %d cases to %s" % (len(suite.cases), out))


if __name__ == "__main__":
    main()
