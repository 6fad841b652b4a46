#!/usr/bin/env bash
# Peak memory of cleaning a large JSONL stream from stdin (the issue's
# target: 2 GB in at most 200 MB of RSS), and the time it took.
#
#   bash benches/memory.sh [SIZE_MB] [THREADS]     # default 2048 MB, 2 threads
#
# Generates SIZE_MB of JSONL from the seeds into a temporary file, cleans it
# from stdin with the release binary under /usr/bin/time -v, prints the
# peak RSS, checks that every record came out, and deletes the file.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-2048}
threads=${2:-2}
cargo build --release --quiet
bin=target/release/boilerstrip
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$size_mb" "$tmp/big.jsonl" <<'PY'
import glob, json, sys
size = int(sys.argv[1]) * 1024 * 1024
seeds = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("seeds/*.txt"))]
written = n = 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    while written < size:
        text = seeds[n % len(seeds)] + f"\nThis is copy number {n} of the page.\n"
        line = json.dumps({"id": n, "url": f"https://example.com/{n}", "text": text}) + "\n"
        out.write(line)
        written += len(line.encode())
        n += 1
print(f"generated {written} bytes, {n} records", file=sys.stderr)
PY

/usr/bin/time -v "$bin" clean --format jsonl -j "$threads" < "$tmp/big.jsonl" \
    > "$tmp/out.jsonl" 2> "$tmp/time.txt"
in_records=$(wc -l < "$tmp/big.jsonl")
out_records=$(wc -l < "$tmp/out.jsonl")
grep -E "Maximum resident set size|Elapsed \(wall clock\)|Exit status" "$tmp/time.txt"
echo "records in: $in_records, records out: $out_records"
[ "$in_records" -eq "$out_records" ]
