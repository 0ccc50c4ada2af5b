#!/usr/bin/env bash
# Measures PaiImage.Build where users feel it and writes docs/benchmarks.md (numbers, commands, targets).
#
#   build/bench.sh            all five parts
#   build/bench.sh 1 2        only some: 1 signing, 2 client, 3 CLI start, 4 MSBuild task cost, 5 batch
#
# Settings (environment):
#   PAI_BENCH_RUNS            publish runs per variant in part 4 (default 9, interleaved)
#   PAI_BENCH_TOOL_PROJECT    pai-image project for parts 3 and 5 (default src/PaiImage.Tool); point it at another
#                             checkout to measure a branch, e.g. one that adds `add --from`
#   PAI_TEST_REGISTRY_PORT    local registry port for part 4 (default 5000)
# Everything it starts (emulators, the registry if it was not running) is stopped by PID on exit.
# State and raw results: .tmp/bench/ (BenchmarkDotNet reports, hyperfine JSON, timings).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
STATE="$ROOT/.tmp/bench"
RESULTS="$STATE/results"
TOOL_PROJECT="${PAI_BENCH_TOOL_PROJECT:-$ROOT/src/PaiImage.Tool}"
RUNS="${PAI_BENCH_RUNS:-9}"
PARTS=("$@")
((${#PARTS[@]})) || PARTS=(1 2 3 4 5)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
# The emulator's built-in test key pair; not a real secret.
export ALIBABA_CLOUD_ACCESS_KEY_ID=emulator-access-key-id ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret

step() { printf '\n==> %s (load %s)\n' "$*" "$(load)"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
wants() { [[ " ${PARTS[*]} " == *" $1 "* ]]; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

emulator_pids=()
started_registry=0
cleanup() {
  for pid in "${emulator_pids[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  if ((started_registry)); then "$ROOT/build/registry.sh" stop || true; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

EMULATOR_DLL="$ROOT/src/PaiImage.Emulator/bin/Release/net10.0/PaiImage.Emulator.dll"
# start_emulator NAME [ARGS...]: starts one emulator process, sets EP to its endpoint.
start_emulator() {
  local name="$1"; shift
  local file="$STATE/$name.endpoint"
  rm -f "$file"
  dotnet "$EMULATOR_DLL" --port 0 --endpoint-file "$file" --quiet "$@" </dev/null >"$STATE/$name.log" 2>&1 &
  emulator_pids+=($!)
  for _ in $(seq 1 300); do
    [[ -s "$file" ]] && break
    sleep 0.1
  done
  [[ -s "$file" ]] || die "emulator $name wrote no endpoint (log: $STATE/$name.log)"
  EP="$(head -n 1 "$file" | tr -d '[:space:]')"
  EP="${EP%/}"
}
reset_emulator() { curl -fsS -o /dev/null -X POST "$1/_emulator/reset"; }

mkdir -p "$STATE" "$RESULTS" "$ROOT/docs"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) logical cores"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GB"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "dotnet: SDK $(dotnet --version)"
  echo "load at start: $(load)"
} >"$RESULTS/machine.txt"
cat "$RESULTS/machine.txt"

step "Build emulator and benchmarks (Release)"
dotnet build src/PaiImage.Emulator -c Release -v q -nologo
BENCH_DLL="$ROOT/tests/PaiImage.Benchmarks/bin/Release/net10.0/PaiImage.Benchmarks.dll"
if wants 1 || wants 2; then dotnet build tests/PaiImage.Benchmarks -c Release -v q -nologo; fi

bdn() {  # bdn FILTER NAME
  echo "load before: $(load)" >"$RESULTS/$2.load"
  dotnet "$BENCH_DLL" --filter "$1" --artifacts "$STATE/bdn" | tee "$RESULTS/$2.out"
  echo "load after: $(load)" >>"$RESULTS/$2.load"
}

if wants 1; then
  step "1. Signing (BenchmarkDotNet)"
  bdn '*SigningBenchmarks*' signing
  echo "processor time per signature (500 000 calls after 100 000 warm-up):"
  dotnet "$BENCH_DLL" --signing-cpu-time | tee "$RESULTS/signing-cpu.tsv"
fi

if wants 2; then
  step "2. Client round trips (BenchmarkDotNet)"
  bdn '*ClientBenchmarks*' client
fi

if wants 3 || wants 5; then
  step "Build pai-image: framework-dependent and Native AOT ($TOOL_PROJECT)"
  FDD="$STATE/tool-fdd"
  AOT="$STATE/tool-aot"
  rm -rf "$FDD" "$AOT"
  dotnet publish "$TOOL_PROJECT" -c Release -p:PublishAot=false -o "$FDD" -v q -nologo
  # Part 5 measures the binary linux-x64 users get (the AOT one) whether or not part 3 runs too.
  if dotnet publish "$TOOL_PROJECT" -c Release -r linux-x64 -p:PublishAot=true -o "$AOT" -v q -nologo >"$STATE/aot-publish.log" 2>&1; then
    echo "AOT binary: $(du -h "$AOT/pai-image" | cut -f1)"
  else
    tail -n 20 "$STATE/aot-publish.log"
    echo "bench: Native AOT publish failed; parts 3 and 5 measure the framework-dependent tool only" >&2
    rm -rf "$AOT"
  fi
fi

if wants 3; then
  step "3. CLI start (hyperfine)"
  command -v hyperfine >/dev/null || die "hyperfine is missing (apt-get install hyperfine)"
  start_emulator cli
  add_args="add --endpoint $EP --workspace bench --name bench-cli --uri 127.0.0.1:5000/bench/cli:1.0.0"
  echo "load before: $(load)" >"$RESULTS/cli.load"
  commands=(-n "fdd --version" "dotnet $FDD/pai-image.dll --version")
  [[ -x "$AOT/pai-image" ]] && commands+=(-n "aot --version" "$AOT/pai-image --version")
  hyperfine -N --warmup 3 --runs 30 --export-json "$RESULTS/cli-version.json" "${commands[@]}"
  commands=(-n "fdd add" "dotnet $FDD/pai-image.dll $add_args")
  [[ -x "$AOT/pai-image" ]] && commands+=(-n "aot add" "$AOT/pai-image $add_args")
  hyperfine -N --warmup 3 --runs 30 --prepare "curl -fsS -o /dev/null -X POST $EP/_emulator/reset" \
    --export-json "$RESULTS/cli-add.json" "${commands[@]}"
  echo "load after: $(load)" >>"$RESULTS/cli.load"
fi

if wants 4; then
  step "4. MSBuild task cost: PublishContainer with the package vs PaiRegisterImage=false"
  FEED="$STATE/feed"
  SAMPLE="$STATE/sample"
  rm -rf "$FEED" "$SAMPLE" "$STATE/nuget-packages"
  dotnet pack src/PaiImage.Build -c Release -o "$FEED" -v q -nologo
  mkdir -p "$SAMPLE"
  cp samples/ConsoleApp/Program.cs "$SAMPLE/"
  # The sample as a user has it (it references PaiImage.Build 0.1.0); the empty Directory.* files keep the
  # repository's own build settings out, like samples/ does.
  cp samples/ConsoleApp/ConsoleApp.csproj "$SAMPLE/"
  echo '<Project />' >"$SAMPLE/Directory.Build.props"
  echo '<Project />' >"$SAMPLE/Directory.Build.targets"
  echo '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>' >"$SAMPLE/Directory.Packages.props"
  printf '<configuration><packageSources><clear /><add key="bench" value="%s" /></packageSources></configuration>\n' "$FEED" >"$SAMPLE/NuGet.config"
  export NUGET_PACKAGES="$STATE/nuget-packages"

  "$ROOT/build/registry.sh" status >/dev/null 2>&1 || started_registry=1
  "$ROOT/build/registry.sh" start
  eval "$("$ROOT/build/registry.sh" env)"
  start_emulator task
  TASK_EP="$EP"
  publish=(dotnet publish "$SAMPLE" -t:PublishContainer -nologo -v q
    -p:SampleRegistry="$PAI_TEST_REGISTRY" -p:ContainerRepository=pai-bench/console -p:ContainerImageTags=1.0.0
    -p:PaiEndpoint="$TASK_EP" -p:PaiWorkspaceId=bench -p:PaiImageName=bench-console)
  echo "${publish[*]} --no-restore [-p:PaiRegisterImage=false]" >"$RESULTS/task.command"
  echo "warm-up (restore, first build, first push)"
  "${publish[@]}" >"$STATE/task-warmup.log"
  "${publish[@]}" --no-restore -p:PaiRegisterImage=false >>"$STATE/task-warmup.log"
  echo "load before: $(load)" >"$RESULTS/task.load"
  : >"$RESULTS/task.tsv"
  for run in $(seq 1 "$RUNS"); do
    for variant in register skip; do
      reset_emulator "$TASK_EP"
      extra=(); [[ $variant == skip ]] && extra=(-p:PaiRegisterImage=false)
      start=$(now_ms)
      "${publish[@]}" --no-restore "${extra[@]}" >"$STATE/task-$variant-$run.log" 2>&1 || { tail -n 30 "$STATE/task-$variant-$run.log"; die "publish ($variant) failed"; }
      elapsed=$(($(now_ms) - start))
      printf '%s\t%s\t%s\t%s\n' "$variant" "$run" "$elapsed" "$(load)" | tee -a "$RESULTS/task.tsv"
      # grep -c exits 1 when it counts zero, which is the expected count for the skipping variant.
      stored=$(curl -fsS "$TASK_EP/_emulator/state" | grep -o '"ImageUri"' | grep -c . || true)
      expected=1; [[ $variant == skip ]] && expected=0
      [[ "$stored" -eq "$expected" ]] || die "publish ($variant) left $stored images in the emulator, expected $expected"
    done
  done
  echo "load after: $(load)" >>"$RESULTS/task.load"
fi

if wants 5; then
  step "5. Batch: add --from 1000 images, --concurrency 16, 50 ms injected latency"
  rm -f "$RESULTS/batch.tsv" "$RESULTS/batch.skipped"
  if dotnet "$FDD/pai-image.dll" add --help 2>/dev/null | grep -q -- '--from'; then
    start_emulator batch --delay-ms 50
    BATCH_EP="$EP"
    batch_file="$STATE/batch.jsonl"
    for i in $(seq 1 1000); do
      printf '{"Name":"bench-batch-%d","ImageUri":"127.0.0.1:5000/bench/batch:%d"}\n' "$i" "$i"
    done >"$batch_file"
    batch_tool=(dotnet "$FDD/pai-image.dll")
    [[ -x "${AOT:-}/pai-image" ]] && batch_tool=("$AOT/pai-image")
    echo "${batch_tool[*]} add --endpoint EP --workspace bench --from $batch_file --concurrency 16" >"$RESULTS/batch.command"
    for run in 1 2 3; do
      reset_emulator "$BATCH_EP"
      # The reset also clears faults; put the latency back.
      curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"DelayMs":50}' "$BATCH_EP/_emulator/faults"
      curl -fsS "$BATCH_EP/_emulator/faults" | grep -qi '"delayMs": *50' || die "the batch emulator has no 50 ms delay"
      start=$(now_ms)
      "${batch_tool[@]}" add --endpoint "$BATCH_EP" --workspace bench --from "$batch_file" --concurrency 16 >"$STATE/batch-$run.log" 2>&1 \
        || { tail -n 20 "$STATE/batch-$run.log"; die "batch run $run failed"; }
      elapsed=$(($(now_ms) - start))
      stored=$(curl -fsS "$BATCH_EP/_emulator/state" | grep -o '"ImageUri"' | wc -l)
      printf '%s\t%s\t%s\t%s\n' "$run" "$elapsed" "$stored" "$(load)" | tee -a "$RESULTS/batch.tsv"
    done
  else
    echo "pai-image at $TOOL_PROJECT has no 'add --from' yet; part 5 skipped" | tee "$RESULTS/batch.skipped"
  fi
fi

step "Write docs/benchmarks.md"
python3 "$ROOT/build/bench-report.py" "$RESULTS" "$ROOT/docs/benchmarks.md"
echo "wrote docs/benchmarks.md"
