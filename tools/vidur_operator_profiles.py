#!/usr/bin/env python3
"""Prints memsim operator profiles (CSV: operator,tokens,milliseconds) derived from Vidur's
public compute profiles, for Sources/Sessions/Cost/ShippedOperatorProfiles.swift.

Vidur (microsoft/vidur, MIT licence) ships per-operator GPU times of each model layer in
data/profiling/compute/<gpu>/<org>/<model>/mlp.csv, one row per token count and
tensor-parallel degree, in milliseconds. A memsim `linear` row is one layer's token-wise
operators at tensor-parallel degree 1, the sum of the medians of attn_pre_proj,
attn_post_proj, mlp_up_proj, mlp_down_proj, mlp_act, attn_rope, input_layernorm,
post_attention_layernorm and add (twice: two residual adds per layer).

Usage:
  vidur_operator_profiles.py MLP_CSV [--from-llama-2-7b-to-llama-3-8b]

With --from-llama-2-7b-to-llama-3-8b each operator of a Llama-2-7B table is scaled by the
ratio of its weights (or, for the element-wise ones, of its width) in Llama-3-8B to those in
Llama-2-7B: the QKV projection x 6144/12288, the MLP's projections and activation
x 14336/11008, rotary embedding (queries and keys) x 5120/8192, the rest x 1.
"""
import csv
import sys

OPERATORS = ["attn_pre_proj", "attn_post_proj", "mlp_up_proj", "mlp_down_proj", "mlp_act",
             "attn_rope", "input_layernorm", "post_attention_layernorm", "add", "add"]
LLAMA2_TO_LLAMA3 = {"attn_pre_proj": 6144 / 12288, "mlp_up_proj": 14336 / 11008,
                    "mlp_down_proj": 14336 / 11008, "mlp_act": 14336 / 11008,
                    "attn_rope": 5120 / 8192}


def kept(tokens):
    """The token counts shipped: dense where time bends, sparse where it is linear."""
    if tokens <= 128:
        return tokens in (1, 2, 4) or tokens % 8 == 0
    if tokens <= 1024:
        return tokens % 64 == 0
    if tokens <= 4096:
        return tokens % 256 == 0
    return tokens % 1024 == 0


def main():
    path = sys.argv[1]
    scale = "--from-llama-2-7b-to-llama-3-8b" in sys.argv[2:]
    rows = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["num_tensor_parallel_workers"] != "1":
                continue
            tokens = int(row["num_tokens"])
            total = 0.0
            for op in OPERATORS:
                factor = LLAMA2_TO_LLAMA3.get(op, 1.0) if scale else 1.0
                total += float(row[f"time_stats.{op}.median"]) * factor
            rows[tokens] = total
    print("operator,tokens,milliseconds")
    for tokens in sorted(t for t in rows if kept(t)):
        print(f"linear,{tokens},{rows[tokens]:.4f}")


if __name__ == "__main__":
    main()
