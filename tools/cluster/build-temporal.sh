#!/usr/bin/env bash
# Builds the real Temporal server, its SQL schema tool and the Web UI server from the Go module
# proxy into .data/cluster/bin. Pinned versions; a stamp (hash of this file) makes a second run a no-op.
#   TEMPORAL_SERVER_VERSION  go.temporal.io/server version (default below)
#   TEMPORAL_UI_VERSION      github.com/temporalio/ui-server/v2 version (default below)
# The schema SQL is embedded in temporal-sql-tool (--schema-name postgresql/v12/…); a copy is kept
# in .data/cluster/schema for reading.
# v1.32.1 declares `go 1.26.8` (the machine's Go); v1.32.2 wants 1.26.10, which would need
# GOTOOLCHAIN=go1.26.10 (downloaded from the proxy by the go command itself).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
server_version=${TEMPORAL_SERVER_VERSION:-v1.32.1}
ui_version=${TEMPORAL_UI_VERSION:-v2.54.1}
bin="$root/.data/cluster/bin"
stamp="$root/.data/cluster/stamps/temporal-build"
want="server=$server_version ui=$ui_version cgo=0 trimpath"
mkdir -p "$bin" "$(dirname "$stamp")"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
  && [ -x "$bin/temporal-server" ] && [ -x "$bin/temporal-sql-tool" ] && [ -x "$bin/temporal-ui-server" ]; then
  echo "temporal build: up to date ($want)"
  exit 0
fi
# CLUSTER_BUILD_CHECK_ONLY=1: only say whether a build is needed (exit 1), build nothing.
[ -z "${CLUSTER_BUILD_CHECK_ONLY:-}" ] || exit 1
command -v go >/dev/null || { echo "temporal build: Go is not installed (apt-get install golang-go, or https://go.dev/dl); it builds the Temporal server" >&2; exit 1; }
export GOFLAGS=-mod=mod GOBIN="$bin" CGO_ENABLED=0
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto}
start=$(date +%s)
echo "temporal build: go.temporal.io/server@$server_version (cmd/server, cmd/tools/sql), ui-server@$ui_version with $(go version)"
# -p 1: the machine is small and shared; the build is mostly compile time of the dependency tree.
go install -p "${GO_BUILD_PARALLEL:-1}" -trimpath -ldflags="-s -w" \
  "go.temporal.io/server/cmd/server@$server_version" \
  "go.temporal.io/server/cmd/tools/sql@$server_version"
mv -f "$bin/server" "$bin/temporal-server"
mv -f "$bin/sql" "$bin/temporal-sql-tool"
go install -p "${GO_BUILD_PARALLEL:-1}" -trimpath -ldflags="-s -w" \
  "github.com/temporalio/ui-server/v2/cmd/server@$ui_version"
mv -f "$bin/server" "$bin/temporal-ui-server"
# the SQL schema files ship in the module; keep a copy next to the binaries
moddir=$(go env GOMODCACHE)/go.temporal.io/server@$server_version
rm -rf "$root/.data/cluster/schema"
cp -r "$moddir/schema" "$root/.data/cluster/schema"
chmod -R u+w "$root/.data/cluster/schema"
echo "$want" >"$stamp"
echo "temporal build: done in $(( $(date +%s) - start ))s → $bin"
