#!/usr/bin/env bash
# The main job, end to end and offline: pack PaiImage.Build, publish samples/ConsoleApp as a container image to a
# local registry, and let the PaiImage.Build package register it in PAI (a local PAI emulator) during that same
# publish; then show the registration with the pai-image tool.
#
#   build/demo.sh
#
# Settings (environment):
#   PAI_WORKSPACE_ID        workspace to register in (default: demo-workspace)
#   PAI_TEST_REGISTRY_PORT  port of the local registry (default 5000)
#   PAI_DEMO_STATE          folder for the demo's builds, emulator data, tools and packages (default: .tmp/demo)
#
# It stops by PID what it started (the emulator; the registry only if it was not running before), also on
# failure. Re-running is harmless: the emulator keeps its images in PAI_DEMO_STATE, so a second run reports the
# registration as existing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
STATE="${PAI_DEMO_STATE:-$ROOT/.tmp/demo}"
WORKSPACE="${PAI_WORKSPACE_ID:-demo-workspace}"
REPOSITORY="pai-samples/console"
TAG="1.0.0"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

step() { printf '\n==> %s\n' "$*"; }
die() {
  printf 'demo: error: %s\n' "$*" >&2
  exit 1
}

started_registry=0
emulator_pid=""
cleanup() {
  if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    echo "demo: stopped the PAI emulator (PID $emulator_pid)" >&2
  fi
  if ((started_registry)); then
    "$ROOT/build/registry.sh" stop || true
  fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

mkdir -p "$STATE"
# Keep the emulator's images (a re-run shows "existing"); everything else of the last run goes.
rm -rf "$STATE/tools" "$STATE/emulator.endpoint" "$STATE/publish-result.json"

step "Build and pack into artifacts/ (dotnet pack -c Release -o artifacts)"
# Built in this run's own output tree (the SDK's artifacts layout under PAI_DEMO_STATE): a build or test of the
# worktree running at the same time never shares bin/ or obj/ with the demo, and a re-run is incremental.
BUILD_ROOT="$STATE/build"
(
  export UseArtifactsOutput=true ArtifactsPath="$BUILD_ROOT"
  dotnet pack src/PaiImage.Build/PaiImage.Build.csproj -c Release -o artifacts
  dotnet pack src/PaiImage.Emulator/PaiImage.Emulator.csproj -c Release -o artifacts
  # The tool's packaging may be its own script (e.g. Native AOT: a pointer package plus per-RID packages).
  if [[ -f build/pack-tool.sh ]]; then
    bash build/pack-tool.sh
  else
    dotnet pack src/PaiImage.Tool/PaiImage.Tool.csproj -c Release -o artifacts
  fi
)

step "Local registry (build/registry.sh start)"
"$ROOT/build/registry.sh" status >/dev/null 2>&1 || started_registry=1
"$ROOT/build/registry.sh" start
eval "$("$ROOT/build/registry.sh" env)"
REGISTRY="$PAI_TEST_REGISTRY"

step "Local PAI emulator"
EMULATOR_DLL="$BUILD_ROOT/bin/PaiImage.Emulator/release/PaiImage.Emulator.dll"
[[ -f "$EMULATOR_DLL" ]] || die "emulator not built: $EMULATOR_DLL"
ENDPOINT_FILE="$STATE/emulator.endpoint"
dotnet "$EMULATOR_DLL" --port 0 --endpoint-file "$ENDPOINT_FILE" --data "$STATE/emulator-data.json" \
  --workspace-default "$WORKSPACE" --quiet </dev/null >"$STATE/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 150); do
  [[ -s "$ENDPOINT_FILE" ]] && break
  kill -0 "$emulator_pid" 2>/dev/null || {
    tail -n 20 "$STATE/emulator.log" >&2
    die "the emulator exited before writing $ENDPOINT_FILE"
  }
  sleep 0.2
done
[[ -s "$ENDPOINT_FILE" ]] || die "the emulator wrote no endpoint within 30 s (log: $STATE/emulator.log)"
ENDPOINT="$(head -n 1 "$ENDPOINT_FILE" | tr -d '[:space:]')"
echo "PAI emulator (PID $emulator_pid) at $ENDPOINT"

# Where and as whom the package and the tool register: settings only, read from the environment like on real PAI.
# The key pair is the emulator's built-in test credential, not a secret.
export PAI_ENDPOINT="$ENDPOINT" PAI_WORKSPACE_ID="$WORKSPACE"
export ALIBABA_CLOUD_ACCESS_KEY_ID=emulator-access-key-id ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
unset ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_REGION_ID

step "Publish samples/ConsoleApp (dotnet publish -t:PublishContainer); PaiImage.Build registers the image"
# A private packages folder, without last run's PaiImage.Build: a re-packed 0.1.0 must not come from a cache.
SAMPLE_PACKAGES="$STATE/sample-packages"
rm -rf "$SAMPLE_PACKAGES/paiimage.build"
RESULT_FILE="$STATE/publish-result.json"
NUGET_PACKAGES="$SAMPLE_PACKAGES" dotnet publish samples/ConsoleApp -t:PublishContainer \
  -p:SampleRegistry="$REGISTRY" -p:ContainerRepository="$REPOSITORY" -p:ContainerImageTags="$TAG" \
  -getProperty:PaiImageId -getProperty:GeneratedContainerDigest -getItem:PaiRegisteredImage \
  -getResultOutputFile:"$RESULT_FILE"
# The result file is MSBuild's JSON ({"Properties": {...}, "Items": {...}}); a value is one "Name": "value" pair.
json_value() { grep -oE "\"$1\": *\"[^\"]*\"" "$RESULT_FILE" | head -n 1 | sed -E 's/.*: *"([^"]*)"/\1/'; }
IMAGE_ID="$(json_value PaiImageId)"
DIGEST="$(json_value GeneratedContainerDigest)"
OUTCOME="$(json_value Outcome)"
IMAGE_URI="$(json_value ImageUri)"
IMAGE_NAME="$(json_value Name)"
[[ -n "$IMAGE_ID" ]] || die "the publish registered nothing (no PaiImageId in $RESULT_FILE)"
[[ "$DIGEST" == sha256:* ]] || die "the publish reported no image digest"

step "Install the pai-image tool from artifacts/ (dotnet tool install --tool-path)"
# Only artifacts/ as the source: no other feed's package of the same id can be picked up; a private packages
# folder keeps a stale 0.1.0 out.
TOOL_PACKAGES="$STATE/tool-packages"
rm -rf "$TOOL_PACKAGES"
NUGET_PACKAGES="$TOOL_PACKAGES" dotnet tool install --tool-path "$STATE/tools" PaiImage.Tool --source "$ROOT/artifacts"
PAI_IMAGE="$STATE/tools/pai-image"

step "The workspace's images in PAI (pai-image list --workspace $WORKSPACE)"
"$PAI_IMAGE" list --workspace "$WORKSPACE" | tee "$STATE/list.out"
grep -qF "$IMAGE_ID" "$STATE/list.out" || die "pai-image list does not show $IMAGE_ID"

printf '\n'
echo "Image pushed:      $REGISTRY/$REPOSITORY:$TAG ($DIGEST)"
echo "Registered in PAI: ImageId $IMAGE_ID, name $IMAGE_NAME, URI $IMAGE_URI (outcome: $OUTCOME)"
echo "Where:             workspace $WORKSPACE of the local PAI emulator at $ENDPOINT (stopped now; images kept in $STATE)"
echo "See it yourself:   $PAI_IMAGE get $IMAGE_ID   (with the emulator running and PAI_ENDPOINT set)"
echo "Demo succeeded: ImageId $IMAGE_ID is listed by pai-image list."
