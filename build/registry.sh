#!/usr/bin/env bash
# A real OCI registry (CNCF distribution, Debian's docker-registry) on loopback for tests, the demo and CI,
# holding a hand-made base image: base:latest (linux/amd64) and base:multi (an index of amd64 + arm64).
#
#   build/registry.sh start    install (apt) if missing, start, wait for /v2/, push the base images
#   build/registry.sh stop     stop the registry this script started (by its recorded PID)
#   build/registry.sh status   say whether it is running; exit 0 if it answers, 1 if not
#   build/registry.sh env      print export lines for tests and scripts: eval "$(build/registry.sh env)"
#
# Port: PAI_TEST_REGISTRY_PORT (default 5000). State (config, data, log, PID, base image): .tmp/registry/
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
umask 022

PORT="${PAI_TEST_REGISTRY_PORT:-5000}"
STATE="$PWD/.tmp/registry"
PID_FILE="$STATE/registry.pid"
LOG_FILE="$STATE/registry.log"
CONFIG_FILE="$STATE/config.yml"
URL="http://127.0.0.1:$PORT"

say() { printf 'registry: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

answers() { curl -fsS -o /dev/null --max-time 2 "$URL/v2/" 2>/dev/null; }

recorded_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(<"$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  # The PID must still be our registry, not a recycled number.
  [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "docker-registry serve $CONFIG_FILE" || return 1
  printf '%s\n' "$pid"
}

ensure_tools() {
  local missing=()
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v skopeo >/dev/null || missing+=(skopeo)
  command -v curl >/dev/null || missing+=(curl)
  ((${#missing[@]} == 0)) && return 0
  ((EUID == 0)) || die "missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
  say "installing ${missing[*]} (apt)"
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=600 install --no-install-recommends "${missing[@]}")
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" >&2; then
    say "install failed; refreshing the package lists and retrying"
    apt-get -q -o DPkg::Lock::Timeout=600 update >&2
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" >&2
  fi
}

write_config() {
  mkdir -p "$STATE/data"
  # Our own config: the packaged /etc/docker/registry/config.yml turns on htpasswd auth with a missing file.
  cat >"$CONFIG_FILE" <<EOF
version: 0.1
log:
  level: warn
  fields: {service: registry}
storage:
  filesystem: {rootdirectory: $STATE/data}
  delete: {enabled: true}
http:
  addr: 127.0.0.1:$PORT
EOF
}

start_registry() {
  if pid="$(recorded_pid)" && answers; then
    say "already running (PID $pid) at $URL"
    return 0
  fi
  if answers; then
    say "a registry not started by this script already answers at $URL; using it"
    return 0
  fi
  ensure_tools
  write_config
  # nohup execs, so $! is the registry itself; its output goes to the log, never to our caller's pipes.
  nohup docker-registry serve "$CONFIG_FILE" </dev/null >>"$LOG_FILE" 2>&1 &
  local pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  for _ in $(seq 1 150); do
    if answers; then
      say "started (PID $pid) at $URL"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      die "docker-registry exited at start (port $PORT taken?); log: $LOG_FILE"
    fi
    sleep 0.2
  done
  kill "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  die "no answer from $URL/v2/ after 30 s; log: $LOG_FILE"
}

stop_registry() {
  local pid
  if ! pid="$(recorded_pid)"; then
    rm -f "$PID_FILE"
    say "not running (no live PID recorded)"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  rm -f "$PID_FILE"
  say "stopped (PID $pid)"
}

# --- Hand-made base image (reproducible: fixed mtimes, owners, order; gzip without name/time) -----------

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c%s "$1"; }

# Moves a file into the OCI layout's blob store, echoing its digest.
add_blob() {
  local digest
  digest="$(sha "$1")"
  mv -f "$1" "$LAYOUT/blobs/sha256/$digest"
  printf '%s\n' "$digest"
}

build_base_layout() {
  local work="$STATE/base-build"
  LAYOUT="$STATE/base-oci"
  rm -rf "$work" "$LAYOUT"
  mkdir -p "$work/rootfs/etc" "$LAYOUT/blobs/sha256"
  printf 'PaiImage.Build test base image (no runtime; for building images, not running them)\n' >"$work/rootfs/etc/base-release"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2020-01-01 00:00:00Z' \
    -C "$work/rootfs" -cf "$work/layer.tar" .
  local diff_id layer layer_size
  diff_id="$(sha "$work/layer.tar")"
  gzip -n -9 -c "$work/layer.tar" >"$work/layer.tar.gz"
  layer_size="$(size "$work/layer.tar.gz")"
  layer="$(add_blob "$work/layer.tar.gz")"

  local arch config config_size manifest manifest_size entries=""
  for arch in amd64 arm64; do
    printf '{"architecture":"%s","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"2020-01-01T00:00:00Z","created_by":"PaiImage.Build hand-made test base layer"}]}' \
      "$arch" "$diff_id" >"$work/config-$arch.json"
    config_size="$(size "$work/config-$arch.json")"
    config="$(add_blob "$work/config-$arch.json")"
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
      "$config" "$config_size" "$layer" "$layer_size" >"$work/manifest-$arch.json"
    manifest_size="$(size "$work/manifest-$arch.json")"
    manifest="$(add_blob "$work/manifest-$arch.json")"
    [[ "$arch" == amd64 ]] && BASE_LATEST_DIGEST="sha256:$manifest" && BASE_LATEST_SIZE="$manifest_size"
    entries+="${entries:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$manifest\",\"size\":$manifest_size,\"platform\":{\"architecture\":\"$arch\",\"os\":\"linux\"}}"
  done
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$entries" >"$work/index-multi.json"
  BASE_MULTI_SIZE="$(size "$work/index-multi.json")"
  BASE_MULTI_DIGEST="sha256:$(add_blob "$work/index-multi.json")"

  printf '{"imageLayoutVersion":"1.0.0"}' >"$LAYOUT/oci-layout"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"latest"}},{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"multi"}}]}' \
    "$BASE_LATEST_DIGEST" "$BASE_LATEST_SIZE" "$BASE_MULTI_DIGEST" "$BASE_MULTI_SIZE" >"$LAYOUT/index.json"
  rm -rf "$work"
}

# Prints the digest the registry holds for base:<tag>, or nothing.
remote_digest() {
  curl -fsSI --max-time 5 \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json' \
    "$URL/v2/base/manifests/$1" 2>/dev/null | tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" { print $2 }'
}

push_base() {
  local tag="$1" digest="$2" all="$3"
  if [[ "$(remote_digest "$tag")" == "$digest" ]]; then
    say "base:$tag already pushed ($digest)"
    return 0
  fi
  # --preserve-digests: fail instead of silently re-encoding, so the pushed digest is the one built here.
  skopeo --insecure-policy copy -q ${all:+"$all"} --preserve-digests \
    "oci:$LAYOUT:$tag" "docker://127.0.0.1:$PORT/base:$tag" --dest-tls-verify=false >&2
  [[ "$(remote_digest "$tag")" == "$digest" ]] || die "base:$tag pushed but the registry reports another digest"
  say "pushed base:$tag ($digest)"
}

push_base_images() {
  build_base_layout
  push_base latest "$BASE_LATEST_DIGEST" ""
  push_base multi "$BASE_MULTI_DIGEST" --all
}

# --- Environment for tests and scripts -----------------------------------------------------------------

registry_host() {
  # 'localhost[:port]' is implicitly insecure (plain HTTP) for the SDK; use it when it maps to our 127.0.0.1.
  if getent ahostsv4 localhost 2>/dev/null | grep -q '^127\.0\.0\.1'; then
    printf 'localhost:%s\n' "$PORT"
  else
    printf '127.0.0.1:%s\n' "$PORT"
  fi
}

print_env() {
  local host insecure="${DOTNET_CONTAINER_INSECURE_REGISTRIES:-}"
  host="$(registry_host)"
  # The SDK splits this list on ';' (not ',').
  case ";$insecure;" in *";127.0.0.1:$PORT;"*) ;; *) insecure="${insecure:+$insecure;}127.0.0.1:$PORT" ;; esac
  printf 'export PAI_TEST_REGISTRY_PORT=%q\n' "$PORT"
  printf 'export PAI_TEST_REGISTRY=%q\n' "$host"
  printf 'export PAI_TEST_REGISTRY_URL=%q\n' "$URL"
  printf 'export PAI_TEST_BASE_IMAGE=%q\n' "$host/base:latest"
  printf 'export PAI_TEST_BASE_IMAGE_MULTI=%q\n' "$host/base:multi"
  printf 'export DOTNET_CONTAINER_INSECURE_REGISTRIES=%q\n' "$insecure"
}

case "${1:-}" in
  start)
    start_registry
    push_base_images
    ;;
  stop) stop_registry ;;
  status)
    if pid="$(recorded_pid)" && answers; then
      echo "running (PID $pid) at $URL"
    elif answers; then
      echo "running at $URL (not started by this script)"
    else
      echo "not running ($URL)"
      exit 1
    fi
    ;;
  env) print_env ;;
  *)
    echo "usage: $0 {start|stop|status|env}   (port: PAI_TEST_REGISTRY_PORT, default 5000)" >&2
    exit 2
    ;;
esac
