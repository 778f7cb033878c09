"""Writes attention in memsim's recorded-trace format (`attention.source: file` of the
kv-eviction model).

Format (little-endian): a 28-byte header, magic b"MKVA", then version (1), layers, heads,
prefill, steps and top_k as uint32; then one record per query step t (0 ... steps - 1, the
prompt's first), per layer, per head: top_k pairs (position uint32, weight float32), the largest
weights of row t over positions 0...t, unused pairs (t + 1 < top_k) as (0xFFFFFFFF, 0.0); then
the remaining mass as float32 (1 - the sum of the top weights), which memsim spreads evenly
over the other positions.

As a library: `write(path, attention, prefill, top_k)` with `attention` of shape
(layers, heads, steps, steps), row t a distribution over its first t + 1 entries (a causal
attention matrix, as a Hugging Face model returns with `output_attentions=True`, one array per
layer stacked). As a script, `demo` writes a random trace and its dense rows beside it (for
tests): `python3 tools/kv_attention_trace.py demo OUT.bin --layers 1 --heads 2 --prefill 8
--steps 24 --top-k 4 --seed 3` writes OUT.bin and OUT.bin.csv (one line per step, layer and
head: t, layer, head, then the t + 1 weights of the row, as written by repr).
"""
import argparse
import struct
import sys

import numpy as np

UNUSED = 0xFFFFFFFF


def write(path, attention, prefill, top_k):
    """Writes `attention` (layers, heads, steps, steps) keeping each row's top_k weights."""
    attention = np.asarray(attention, dtype=np.float64)
    if attention.ndim != 4 or attention.shape[2] != attention.shape[3]:
        raise ValueError(f"attention must have shape (layers, heads, steps, steps), not {attention.shape}")
    layers, heads, steps, _ = attention.shape
    if not 1 <= prefill < steps:
        raise ValueError(f"prefill {prefill} must be at least 1 and below steps {steps}")
    record = struct.Struct("<" + "If" * top_k + "f")
    with open(path, "wb") as out:
        out.write(b"MKVA" + struct.pack("<6I", 1, layers, heads, prefill, steps, top_k))
        for t in range(steps):
            for layer in range(layers):
                for head in range(heads):
                    row = attention[layer, head, t, : t + 1]
                    order = np.argsort(-row, kind="stable")[:top_k]
                    fields = []
                    for position in order:
                        fields += [int(position), float(row[position])]
                    fields += [UNUSED, 0.0] * (top_k - len(order))
                    fields.append(max(0.0, 1.0 - float(row[order].sum())))
                    out.write(record.pack(*fields))


def random_attention(layers, heads, steps, seed):
    """Causal softmax attention with random logits (for tests)."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 2, size=(layers, heads, steps, steps))
    mask = np.tril(np.ones((steps, steps), dtype=bool))
    logits = np.where(mask, logits, -np.inf)
    weights = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write a random trace and its dense rows (OUT.csv)")
    demo.add_argument("out")
    demo.add_argument("--layers", type=int, default=1)
    demo.add_argument("--heads", type=int, default=2)
    demo.add_argument("--prefill", type=int, default=8)
    demo.add_argument("--steps", type=int, default=24)
    demo.add_argument("--top-k", type=int, default=4)
    demo.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    attention = random_attention(args.layers, args.heads, args.steps, args.seed)
    write(args.out, attention, args.prefill, args.top_k)
    with open(args.out + ".csv", "w") as rows:
        for t in range(args.steps):
            for layer in range(args.layers):
                for head in range(args.heads):
                    weights = ",".join(repr(float(w)) for w in attention[layer, head, t, : t + 1])
                    rows.write(f"{t},{layer},{head},{weights}\n")
    print(f"kv_attention_trace.py: wrote {args.out}")


if __name__ == "__main__":
    sys.exit(main())
