#!/usr/bin/env python3
"""Deterministic tree of small files for the benchmarks. Names end in .bin: rclone sends
"Content-Type: text/plain; charset=utf-8" for .txt, which S3Proxy 2.6.0 rejects as SignatureDoesNotMatch.

gen_tree.py make DIR N [SEED]        N files of 1-8 KiB, 100 per directory, fixed seed
gen_tree.py modify DIR PERCENT SEED  rewrite the content (same size, new bytes) of PERCENT% of the
                                     files, chosen with SEED; prints how many were rewritten
"""
import os
import random
import sys

PER_DIR = 100


def paths(root, n):
    for i in range(n):
        yield os.path.join(root, f"d{i // PER_DIR // PER_DIR:03d}", f"d{i // PER_DIR:05d}", f"f{i:07d}.bin")


def make(root, n, seed):
    rnd = random.Random(seed)
    made = set()
    for p in paths(root, n):
        d = os.path.dirname(p)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        with open(p, "wb") as f:
            f.write(rnd.randbytes(rnd.randint(1024, 8192)))


def modify(root, percent, seed):
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
    rnd = random.Random(seed)
    k = max(1, round(len(files) * percent / 100))
    for p in rnd.sample(files, k):
        size = os.path.getsize(p)
        with open(p, "r+b") as f:
            f.write(rnd.randbytes(size))
    print(k)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "make":
        make(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 42)
    elif cmd == "modify":
        modify(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)
