#!/usr/bin/env python3
"""Generate the test suite of the `smith-waterman` sandbox.

Writes Sandboxes/smith-waterman/suite/cases.jsonl (or the path given as the
first argument): one JSON object per line,
{"id": ..., "args": {"a", "n", "b", "m", "sub", "k", "open", "extend"}}.

The output is deterministic: a fixed seed, Python's Mersenne Twister used only
through integer draws (randrange, randint, choice, shuffle), no floating point,
and a fixed key order. Running the script twice gives byte-identical files.
The protein cases read Sandboxes/smith-waterman/blosum62.json.

Contract reminder: 0 <= n, m <= 10000; residues in 0..k-1 with 1 <= k <= 32;
sub is k*k values in [-128, 127], row-major (sub[x*k + y] scores residue x of
a against residue y of b); 0 <= extend <= open <= 1000.
"""

import json
import os
import random
import sys

SEED = 20240612
MAX_LEN = 10000

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SANDBOX = os.path.join(REPO, "Sandboxes", "smith-waterman")
DEFAULT_OUT = os.path.join(SANDBOX, "suite", "cases.jsonl")

# Approximate amino-acid background frequencies (per ten thousand) in the
# BLOSUM62 alphabet order ARNDCQEGHILKMFPSTWYV, to make protein-like sequences.
AA_WEIGHTS = [826, 553, 406, 546, 137, 393, 675, 708, 227, 593,
              965, 584, 241, 386, 470, 656, 534, 109, 292, 687]


def load_blosum62():
    with open(os.path.join(SANDBOX, "blosum62.json"), encoding="utf-8") as f:
        data = json.load(f)
    if data["alphabet"] != "ARNDCQEGHILKMFPSTWYV":
        raise ValueError("unexpected BLOSUM62 alphabet")
    return [v for row in data["matrix"] for v in row]


class Suite:
    def __init__(self):
        self.cases = []
        self.ids = set()

    def add(self, case_id, a, b, sub, k, gap_open, gap_extend):
        if case_id in self.ids:
            raise ValueError("duplicate id " + case_id)
        if not 1 <= k <= 32 or len(sub) != k * k:
            raise ValueError("bad matrix in " + case_id)
        if any(not -128 <= v <= 127 for v in sub):
            raise ValueError("matrix entry out of range in " + case_id)
        if len(a) > MAX_LEN or len(b) > MAX_LEN:
            raise ValueError("sequence too long in " + case_id)
        if any(not 0 <= r < k for r in a) or any(not 0 <= r < k for r in b):
            raise ValueError("residue out of range in " + case_id)
        if not 0 <= gap_extend <= gap_open <= 1000:
            raise ValueError("bad gap penalties in " + case_id)
        self.ids.add(case_id)
        self.cases.append({"id": case_id, "args": {
            "a": list(a), "n": len(a), "b": list(b), "m": len(b),
            "sub": list(sub), "k": k, "open": gap_open, "extend": gap_extend}})

    def write(self, path):
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for case in self.cases:
                f.write(json.dumps(case, separators=(",", ":")) + "\n")


def match_mismatch(k, match, mismatch):
    return [match if x == y else mismatch for x in range(k) for y in range(k)]


def random_seq(rng, length, k):
    return [rng.randrange(k) for _ in range(length)]


def weighted_seq(rng, length, weights):
    total = sum(weights)
    cumulative = []
    acc = 0
    for w in weights:
        acc += w
        cumulative.append(acc)
    seq = []
    for _ in range(length):
        r = rng.randrange(total)
        i = 0
        while cumulative[i] <= r:
            i += 1
        seq.append(i)
    return seq


def mutate(rng, seq, k, sub_permille, indel_permille, max_indel=4, gen=None):
    """A related copy of seq: point substitutions plus short insertions and deletions."""
    if gen is None:
        def gen(count):
            return random_seq(rng, count, k)
    out = []
    i = 0
    while i < len(seq):
        r = rng.randrange(1000)
        if r < indel_permille:
            length = rng.randint(1, max_indel)
            if rng.randrange(2) == 0:
                out.extend(gen(length))       # insertion before seq[i]
            else:
                i += length                   # deletion of seq[i:i+length]
                continue
        if rng.randrange(1000) < sub_permille and k > 1:
            out.append((seq[i] + rng.randint(1, k - 1)) % k)
        else:
            out.append(seq[i])
        i += 1
    return out[:MAX_LEN]


def random_matrix(rng, k, lo, hi):
    return [rng.randint(lo, hi) for _ in range(k * k)]


def random_gaps(rng):
    style = rng.randrange(4)
    if style == 0:
        gap_open = rng.randint(0, 1000)
    elif style == 1:
        gap_open = rng.randint(0, 30)
    else:
        gap_open = rng.randint(0, 12)
    gap_extend = rng.randint(0, gap_open)
    return gap_open, gap_extend


def build():
    rng = random.Random(SEED)
    s = Suite()
    blosum = load_blosum62()
    dna_23 = match_mismatch(4, 2, -3)
    dna_11 = match_mismatch(4, 1, -1)
    dna_54 = match_mismatch(4, 5, -4)

    def protein(length):
        return weighted_seq(rng, length, AA_WEIGHTS)

    def protein_mutate(seq, sub_permille, indel_permille, max_indel=4):
        return mutate(rng, seq, 20, sub_permille, indel_permille, max_indel, gen=protein)

    # ---- empty sequences ----
    s.add("edge-both-empty", [], [], dna_23, 4, 5, 2)
    s.add("edge-empty-a", [], random_seq(rng, 5, 4), dna_23, 4, 5, 2)
    s.add("edge-empty-b", random_seq(rng, 5, 4), [], dna_23, 4, 5, 2)
    s.add("edge-empty-a-long", [], random_seq(rng, 1000, 4), dna_11, 4, 0, 0)
    s.add("edge-empty-b-long", protein(1000), [], blosum, 20, 11, 1)
    s.add("edge-both-empty-k1", [], [], [127], 1, 0, 0)
    s.add("edge-empty-a-k32", [], random_seq(rng, 32, 32), random_matrix(rng, 32, -128, 127), 32, 1000, 1000)
    s.add("edge-empty-b-k32", random_seq(rng, 32, 32), [], random_matrix(rng, 32, -128, 127), 32, 0, 0)

    # ---- length one ----
    s.add("len1-match", [2], [2], dna_23, 4, 5, 2)
    s.add("len1-mismatch", [2], [1], dna_23, 4, 5, 2)
    s.add("len1-a-vs-50", [3], random_seq(rng, 50, 4), dna_23, 4, 5, 2)
    s.add("len1-50-vs-b", random_seq(rng, 50, 4), [0], dna_23, 4, 5, 2)
    s.add("len1-protein-W-W", [17], [17], blosum, 20, 11, 1)
    s.add("len1-protein-vs-300", [4], protein(300), blosum, 20, 11, 1)
    s.add("len1-max-score", [0], [0], [127], 1, 1000, 1000)
    s.add("len1-min-score", [0], [0], [-128], 1, 0, 0)
    s.add("len1-k32-vs-200", [31], random_seq(rng, 200, 32), random_matrix(rng, 32, -128, 127), 32, 7, 3)

    # ---- k = 1 (a single residue kind) ----
    for n, m, v, o, e in [(10, 10, 1, 1, 1), (50, 30, 3, 5, 2), (30, 50, -1, 0, 0), (100, 100, 0, 0, 0),
                          (7, 400, 127, 1000, 1000), (400, 7, -128, 0, 0), (1000, 999, 2, 10, 1)]:
        s.add("k1-%dx%d-v%d-o%d-e%d" % (n, m, v, o, e), [0] * n, [0] * m, [v], 1, o, e)

    # ---- identical and reversed sequences ----
    for n in [1, 10, 100, 1000]:
        seq = random_seq(rng, n, 4)
        s.add("identical-dna-%d" % n, seq, list(seq), dna_23, 4, 5, 2)
    for n in [20, 200, 500]:
        seq = protein(n)
        s.add("identical-protein-%d" % n, seq, list(seq), blosum, 20, 11, 1)
    seq = random_seq(rng, 300, 32)
    s.add("identical-k32-300", seq, list(seq), random_matrix(rng, 32, -10, 10), 32, 8, 2)
    for n in [10, 100, 1000]:
        seq = random_seq(rng, n, 4)
        s.add("reversed-dna-%d" % n, seq, seq[::-1], dna_23, 4, 5, 2)
    for n in [60, 400]:
        seq = protein(n)
        s.add("reversed-protein-%d" % n, seq, seq[::-1], blosum, 20, 11, 1)
    pal = random_seq(rng, 150, 4)
    s.add("reversed-palindrome-dna-300", pal + pal[::-1], (pal + pal[::-1])[::-1], dna_11, 4, 2, 1)

    # ---- no positive entry at all: result 0 ----
    for k, n, m in [(1, 50, 50), (4, 300, 300), (20, 200, 150), (32, 100, 120)]:
        sub = random_matrix(rng, k, -128, -1)
        s.add("all-negative-k%d-%dx%d" % (k, n, m), random_seq(rng, n, k), random_seq(rng, m, k), sub, k, 0, 0)
    s.add("all-zero-k4-100x100", random_seq(rng, 100, 4), random_seq(rng, 100, 4), [0] * 16, 4, 0, 0)
    seq = random_seq(rng, 200, 4)
    s.add("all-negative-identical-k4-200", seq, list(seq), match_mismatch(4, -1, -2), 4, 3, 1)

    # ---- all positive matrix ----
    for k, n, m, o, e in [(4, 100, 100, 5, 2), (4, 300, 200, 1000, 1000), (20, 150, 150, 11, 1),
                          (32, 80, 90, 0, 0), (7, 500, 20, 3, 3), (2, 1000, 1000, 10, 0)]:
        sub = random_matrix(rng, k, 1, 20)
        s.add("all-positive-k%d-%dx%d-o%d-e%d" % (k, n, m, o, e),
              random_seq(rng, n, k), random_seq(rng, m, k), sub, k, o, e)

    # ---- gap penalty shapes ----
    base_dna = random_seq(rng, 400, 4)
    related_dna = mutate(rng, base_dna, 4, 80, 40, 6)
    base_prot = protein(250)
    related_prot = protein_mutate(base_prot, 250, 30, 5)
    for o, e, label in [(5, 5, "extend-eq-open-5"), (1, 1, "extend-eq-open-1"), (40, 40, "extend-eq-open-40"),
                        (5, 0, "extend0-open5"), (30, 0, "extend0-open30"), (1000, 0, "extend0-open1000"),
                        (0, 0, "open0-extend0"), (1000, 1000, "max-penalty-1000"), (1000, 1, "open1000-extend1"),
                        (6, 1, "open6-extend1"), (2, 1, "open2-extend1"), (1, 0, "open1-extend0")]:
        s.add("gaps-%s-dna-%dx%d" % (label, len(base_dna), len(related_dna)), base_dna, related_dna,
              dna_23, 4, o, e)
        s.add("gaps-%s-protein-%dx%d" % (label, len(base_prot), len(related_prot)), base_prot, related_prot,
              blosum, 20, o, e)

    # ---- extreme substitution values ----
    for k, n, m, o, e in [(4, 200, 200, 0, 0), (4, 200, 200, 1000, 1000), (4, 300, 280, 127, 1),
                          (20, 150, 160, 0, 0), (32, 250, 250, 255, 128), (2, 500, 500, 1, 0)]:
        sub = [127 if x == y else -128 for x in range(k) for y in range(k)]
        seq = random_seq(rng, n, k)
        rel = mutate(rng, seq, k, 150, 60, 5)[:m]
        s.add("extreme-diag127-off-128-k%d-%dx%d-o%d-e%d" % (k, n, len(rel), o, e), seq, rel, sub, k, o, e)
    for k, n, m in [(3, 100, 100), (16, 200, 180), (32, 300, 300)]:
        sub = [rng.choice([-128, 127]) for _ in range(k * k)]
        s.add("extreme-random-pm-k%d-%dx%d" % (k, n, m), random_seq(rng, n, k), random_seq(rng, m, k),
              sub, k, rng.randint(0, 300), 0)
    s.add("extreme-all127-k4-1000x1000-o1000-e1000", random_seq(rng, 1000, 4), random_seq(rng, 1000, 4),
          [127] * 16, 4, 1000, 1000)

    # ---- DNA, k = 4 ----
    dna_mats = [("m2x3", dna_23), ("m1x1", dna_11), ("m5x4", dna_54)]
    dna_gaps = [(5, 2), (3, 1), (10, 1), (2, 2), (0, 0), (16, 4), (6, 6)]
    idx = 0
    for n in [20, 50, 100, 200, 350, 500, 700, 900]:
        for label, mat in dna_mats:
            o, e = dna_gaps[idx % len(dna_gaps)]
            m = max(1, n + rng.randint(-n // 10, n // 10))
            s.add("dna-random-%s-%dx%d-o%d-e%d-%03d" % (label, n, m, o, e, idx),
                  random_seq(rng, n, 4), random_seq(rng, m, 4), mat, 4, o, e)
            idx += 1
    for n in [30, 80, 150, 300, 450, 600, 812, 1000]:
        for label, mat in dna_mats:
            o, e = dna_gaps[idx % len(dna_gaps)]
            seq = random_seq(rng, n, 4)
            sub_pm = rng.choice([20, 50, 100, 200])
            indel_pm = rng.choice([5, 20, 50])
            rel = mutate(rng, seq, 4, sub_pm, indel_pm, rng.choice([1, 3, 10]))
            s.add("dna-related-%s-%dx%d-o%d-e%d-%03d" % (label, n, len(rel), o, e, idx),
                  seq, rel, mat, 4, o, e)
            idx += 1
    # A related region embedded in unrelated flanks (the local part matters).
    for n, core in [(500, 100), (900, 300), (1200, 500)]:
        core_seq = random_seq(rng, core, 4)
        a = random_seq(rng, (n - core) // 3, 4) + core_seq + random_seq(rng, n - core - (n - core) // 3, 4)
        rel = mutate(rng, core_seq, 4, 60, 20, 3)
        b = random_seq(rng, n // 2, 4) + rel + random_seq(rng, n // 4, 4)
        s.add("dna-embedded-%dx%d-core%d" % (len(a), len(b), core), a, b, dna_23, 4, 5, 2)
    # Low-complexity repeats (many equal-scoring paths).
    s.add("dna-repeat-AT-400x380", [0, 3] * 200, [0, 3] * 190, dna_23, 4, 5, 2)
    s.add("dna-repeat-ACG-600x601", [0, 1, 2] * 200, [1, 2, 0] * 200 + [1], dna_11, 4, 1, 1)
    s.add("dna-homopolymer-500x450", [2] * 500, [2] * 200 + [1] * 50 + [2] * 200, dna_54, 4, 3, 1)

    # ---- protein, k = 20, BLOSUM62 ----
    prot_gaps = [(11, 1), (10, 1), (12, 2), (8, 2), (5, 5), (15, 3)]
    for i in range(36):
        n = rng.randint(50, 500)
        o, e = prot_gaps[i % len(prot_gaps)]
        seq = protein(n)
        sub_pm = rng.choice([50, 150, 300, 500])
        indel_pm = rng.choice([5, 15, 40])
        rel = protein_mutate(seq, sub_pm, indel_pm, rng.choice([2, 5, 12]))
        s.add("protein-related-%dx%d-o%d-e%d-%03d" % (n, len(rel), o, e, i), seq, rel, blosum, 20, o, e)
    for i in range(8):
        n = rng.randint(50, 500)
        m = rng.randint(50, 500)
        o, e = prot_gaps[i % len(prot_gaps)]
        s.add("protein-random-%dx%d-o%d-e%d-%03d" % (n, m, o, e, i), protein(n), protein(m), blosum, 20, o, e)
    domain = protein(120)
    a = protein(80) + domain + protein(200)
    b = protein(150) + protein_mutate(domain, 200, 20, 3) + protein(60)
    s.add("protein-shared-domain-%dx%d" % (len(a), len(b)), a, b, blosum, 20, 11, 1)

    # ---- long sequences ----
    long_a = random_seq(rng, 10000, 4)
    long_b = mutate(rng, long_a, 4, 80, 15, 6)
    while len(long_b) < 10000:
        long_b.append(rng.randrange(4))
    s.add("long-dna-related-10000x150", long_a, long_b[:150], dna_23, 4, 5, 2)
    start = rng.randint(0, 10000 - 300)
    s.add("long-dna-10000x120-local", long_a, mutate(rng, long_a[start:start + 120], 4, 50, 10, 2), dna_23, 4, 5, 2)
    s.add("long-dna-100x10000-random", random_seq(rng, 100, 4), random_seq(rng, 10000, 4), dna_11, 4, 2, 1)
    s.add("long-protein-1x10000", [8], protein(10000), blosum, 20, 11, 1)
    s.add("long-protein-10000x1", protein(10000), [8], blosum, 20, 11, 1)

    # ---- random alphabets and matrices ----
    for i in range(40):
        k = rng.randint(1, 32)
        style = i % 4
        if style == 0:
            sub = random_matrix(rng, k, -128, 127)
        elif style == 1:
            sub = random_matrix(rng, k, -5, 5)
        elif style == 2:
            sub = random_matrix(rng, k, -20, 3)
        else:
            sub = [rng.randint(1, 15) if x == y else rng.randint(-15, 2) for x in range(k) for y in range(k)]
        n = rng.randint(0, 300)
        m = rng.randint(0, 300)
        o, e = random_gaps(rng)
        if i % 5 == 4:
            a = random_seq(rng, n, k)
            b = mutate(rng, a, k, 100, 30, 4)[:300]
            tag = "related"
        else:
            a = random_seq(rng, n, k)
            b = random_seq(rng, m, k)
            tag = "random"
        s.add("randk-%s-k%d-%dx%d-o%d-e%d-%03d" % (tag, k, len(a), len(b), o, e, i), a, b, sub, k, o, e)
    # Asymmetric matrix: check that rows index a and columns index b.
    sub = [0] * 16
    sub[0 * 4 + 1] = 10
    sub[1 * 4 + 0] = -10
    s.add("asymmetric-k4-row-is-a", [0] * 8, [1] * 8, sub, 4, 5, 2)
    s.add("asymmetric-k4-col-is-b", [1] * 8, [0] * 8, sub, 4, 5, 2)
    sub = random_matrix(rng, 6, -8, 8)
    a = random_seq(rng, 120, 6)
    b = random_seq(rng, 110, 6)
    s.add("asymmetric-k6-120x110", a, b, sub, 6, 4, 1)
    s.add("asymmetric-k6-110x120-swapped", b, a, sub, 6, 4, 1)
    return s


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    suite = build()
    suite.write(out)
    print("wrote %d cases to %s" % (len(suite.cases), out))


if __name__ == "__main__":
    main()
