#!/usr/bin/env python3
"""Independent reference of the `heat` sandbox, for `evolver sandbox verify heat --reference ...`.

Reads one case as JSON on stdin and prints {"return": 0, "outputs": {"out": [...]}}. Every
operation is rounded to single precision the way C evaluates `float` arithmetic (a product or
sum of two floats computed in double and rounded is the correctly rounded float result).
Standard library only."""
import json
import struct
import sys


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def heat(grid, rows, cols, steps, alpha):
    cur = [f32(v) for v in grid]
    alpha = f32(alpha)
    for _ in range(steps):
        nxt = list(cur)
        for i in range(1, rows - 1):
            for j in range(1, cols - 1):
                c = cur[i * cols + j]
                s = f32(cur[(i - 1) * cols + j] + cur[(i + 1) * cols + j])
                s = f32(s + cur[i * cols + j - 1])
                s = f32(s + cur[i * cols + j + 1])
                d = f32(s - f32(4.0 * c))
                nxt[i * cols + j] = f32(c + f32(alpha * d))
        cur = nxt
    return cur


def main():
    case = json.loads(sys.stdin.read())
    a = case["args"]
    out = heat(a["grid"], a["rows"], a["cols"], a["steps"], a["alpha"])
    print(json.dumps({"return": 0, "outputs": {"out": out}}))


if __name__ == "__main__":
    main()
