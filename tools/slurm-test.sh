#!/usr/bin/env bash
# `make test`'s Slurm check: on a one-node cluster of this machine (tools/slurm-local.sh),
# `memsim slurm` runs the quickstart as 3 shards and waits; the merged summary.csv,
# pareto.csv, claims.csv and runs.jsonl must equal an unsharded run's byte for byte. The
# cluster is stopped however the check ends.
# Usage: tools/slurm-test.sh MEMSIM OUT_DIR
set -euo pipefail
memsim="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
export SLURM_LOCAL_DIR="${SLURM_LOCAL_DIR:-$(mktemp -d /tmp/memsim-slurm-test-XXXXXX)}"
trap '"$here/slurm-local.sh" stop; rm -rf "$SLURM_LOCAL_DIR"' EXIT
# Assigned first: a failed start stops the script here (an eval of nothing would not).
environment="$("$here/slurm-local.sh" start)"
eval "$environment"
[ -n "${SLURM_CONF:-}" ] || { echo "slurm-test: no SLURM_CONF from slurm-local.sh" >&2; exit 1; }
rm -rf "$out/slurm-quickstart" "$out/slurm-unsharded"
"$memsim" slurm Experiments/quickstart.yaml --shards 3 --out "$out/slurm-quickstart" --wait
"$memsim" run Experiments/quickstart.yaml --out "$out/slurm-unsharded" --quiet > /dev/null
for file in summary.csv pareto.csv claims.csv runs.jsonl; do
    cmp "$out/slurm-quickstart/merged/$file" "$out/slurm-unsharded/$file"
done
echo "slurm: the quickstart as 3 array tasks and a merge equals the unsharded run"
