#!/usr/bin/env bash
# The main job, end to end and offline: build and pack PaiImage.Build, push the console sample's container image
# to a local registry, and register it in PAI — by default the local PAI emulator — with the pai-image tool.
#
#   build/demo.sh
#
# Settings (environment):
#   PAI_DEMO_ENDPOINT   an AIWorkspace endpoint to use instead of starting the emulator (credentials then come
#                       from ALIBABA_CLOUD_* / OIDC / profiles as usual; the emulator's defaults are used otherwise)
#   PAI_DEMO_WORKSPACE  workspace to register in (default: demo)
#   PAI_DEMO_NAME       PAI image name (default: pai-sample-console)
#   PAI_TEST_REGISTRY_PORT  port of the local registry (default 5000)
#
# Everything it starts (registry if not already running, emulator) is stopped by PID on exit, also on failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
STATE="$ROOT/.tmp/demo"
TOOLS="$ROOT/.tmp/tools"
WORKSPACE="${PAI_DEMO_WORKSPACE:-demo}"
NAME="${PAI_DEMO_NAME:-pai-sample-console}"
REPOSITORY="pai-samples/console"
TAG="1.0.0"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

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

rm -rf "$STATE"
mkdir -p "$STATE"

step "Build and pack (dotnet pack -c Release -o artifacts)"
dotnet pack PaiImage.Build.sln -c Release -o artifacts
ls artifacts/*.nupkg

step "Local registry"
"$ROOT/build/registry.sh" status >/dev/null 2>&1 || started_registry=1
"$ROOT/build/registry.sh" start
eval "$("$ROOT/build/registry.sh" env)"
REGISTRY="$PAI_TEST_REGISTRY"

step "Publish samples/ConsoleApp as a container image (dotnet publish -t:PublishContainer)"
# TODO(lead): once the sample references the PaiImage.Build package (marked block in ConsoleApp.csproj), pass
# -p:PaiEndpoint/-p:PaiWorkspaceId/-p:PaiImageName here so this step registers the image itself; the explicit
# 'pai-image add' below then shows the tool path (with --if-exists or a second name).
dotnet publish samples/ConsoleApp -t:PublishContainer \
  -p:SampleRegistry="$REGISTRY" -p:ContainerRepository="$REPOSITORY" -p:ContainerImageTags="$TAG"
DIGEST="$(curl -fsSI -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json' \
  "$PAI_TEST_REGISTRY_URL/v2/$REPOSITORY/manifests/$TAG" | tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" { print $2 }')"
[[ "$DIGEST" == sha256:* ]] || die "the registry has no digest for $REPOSITORY:$TAG"
IMAGE_URI="$REGISTRY/$REPOSITORY@$DIGEST"
echo "pushed: $REGISTRY/$REPOSITORY:$TAG = $DIGEST"

step "PAI endpoint"
if [[ -n "${PAI_DEMO_ENDPOINT:-}" ]]; then
  ENDPOINT="$PAI_DEMO_ENDPOINT"
  echo "using $ENDPOINT (credentials from the default chain)"
else
  # TODO(lead): needs the emulator branch merged (src/PaiImage.Emulator: --port 0 --endpoint-file FILE).
  EMULATOR_DLL="$ROOT/src/PaiImage.Emulator/bin/Release/net10.0/PaiImage.Emulator.dll"
  [[ -f "$EMULATOR_DLL" ]] || die "emulator not built: $EMULATOR_DLL"
  ENDPOINT_FILE="$STATE/emulator.endpoint"
  dotnet "$EMULATOR_DLL" --port 0 --endpoint-file "$ENDPOINT_FILE" </dev/null >"$STATE/emulator.log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 150); do
    [[ -s "$ENDPOINT_FILE" ]] && break
    kill -0 "$emulator_pid" 2>/dev/null || { tail -n 20 "$STATE/emulator.log" >&2; die "the emulator exited before writing $ENDPOINT_FILE"; }
    sleep 0.2
  done
  [[ -s "$ENDPOINT_FILE" ]] || die "the emulator wrote no endpoint within 30 s (log: $STATE/emulator.log)"
  ENDPOINT="$(head -n 1 "$ENDPOINT_FILE" | tr -d '[:space:]')"
  echo "PAI emulator (PID $emulator_pid) at $ENDPOINT"
  # The emulator's built-in test key pair; not a real secret.
  export ALIBABA_CLOUD_ACCESS_KEY_ID=emulator-access-key-id
  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
fi

step "Install the pai-image tool from artifacts/ (dotnet tool install --tool-path .tmp/tools)"
# A private packages folder: a re-packed 0.1.0 would otherwise be served from the global NuGet cache.
rm -rf "$TOOLS" "$STATE/nuget-packages"
NUGET_PACKAGES="$STATE/nuget-packages" dotnet tool install --tool-path "$TOOLS" PaiImage.Tool --source "$ROOT/artifacts"
PAI_IMAGE="$TOOLS/pai-image"

step "Register the image (pai-image add)"
# TODO(lead): needs the tool branch merged; check the output format (ImageId extraction) against it.
"$PAI_IMAGE" add --endpoint "$ENDPOINT" --workspace "$WORKSPACE" --name "$NAME" --uri "$IMAGE_URI" | tee "$STATE/add.out"
IMAGE_ID="$(grep -oE 'image-[A-Za-z0-9]+' "$STATE/add.out" | head -n 1 || true)"
[[ -n "$IMAGE_ID" ]] || die "pai-image add printed no ImageId"

step "List the workspace's images (pai-image list)"
"$PAI_IMAGE" list --endpoint "$ENDPOINT" --workspace "$WORKSPACE"

printf '\n'
echo "Image pushed:      $IMAGE_URI"
echo "Registered in PAI: ImageId $IMAGE_ID, name $NAME, workspace $WORKSPACE"
echo "PAI endpoint:      $ENDPOINT"
