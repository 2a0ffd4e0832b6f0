#!/usr/bin/env bash
# npm run bench:temporal-profile -- [seconds=60] [port=7233]
# Records where the Temporal dev server's CPU goes while something else loads it (run the bench, the
# open-orders run or a test meanwhile): `perf record` on the process listening on the port, then
# tools/bench/temporal-profile (Go) names the frames from the binary's pclntab and summarises them.
# Writes .data/bench/temporal-profile.md. Needs Debian's linux-perf and Go (both on the dev machine).
set -euo pipefail
seconds=${1:-60}
port=${2:-7233}
cd "$(dirname "$0")/../.."
out=.data/bench
mkdir -p "$out"
command -v perf >/dev/null || { echo "temporal-profile: perf is missing (apt-get install linux-perf)" >&2; exit 2; }
go=$(command -v go || echo /usr/local/go/bin/go)
[ -x "$go" ] || { echo "temporal-profile: Go is missing (needed to read the server's symbols)" >&2; exit 2; }
pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
[ -n "$pid" ] || { echo "temporal-profile: nothing listens on port $port (start the stack, or pass the bench server's port, e.g. 7245)" >&2; exit 2; }
binary=$(readlink -f "/proc/$pid/exe")
echo "temporal-profile: recording $binary (pid $pid) for ${seconds}s at 499 Hz" >&2
perf record -F 499 -g -p "$pid" -o "$out/temporal-perf.data" -- sleep "$seconds" 2>"$out/temporal-perf.log" >/dev/null
{
  echo "# Temporal server CPU profile ($(date -u +%FT%TZ), ${seconds}s, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "Process: \`$binary\` (pid $pid, port $port)."
  echo
  perf script -i "$out/temporal-perf.data" -F comm,tid,time,ip,dso 2>/dev/null |
    (cd tools/bench/temporal-profile && GOFLAGS=-mod=mod "$go" run . "$binary")
} >"$out/temporal-profile.md"
echo "temporal-profile: written to $out/temporal-profile.md" >&2
