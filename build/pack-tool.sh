#!/usr/bin/env bash
# Packs the pai-image tool packages this machine can build into artifacts/ (or $1):
#   PaiImage.Tool.0.1.0.nupkg            pointer package listing every RID package (dotnet tool install picks one)
#   PaiImage.Tool.linux-x64.0.1.0.nupkg  Native AOT binary (packed only on linux-x64)
#   PaiImage.Tool.any.0.1.0.nupkg        framework-dependent fallback for every other platform
# The other declared RIDs (linux-arm64, osx-arm64, win-x64) need a matching OS for the AOT compiler.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT="${1:-artifacts}"
PROJECT=src/PaiImage.Tool/PaiImage.Tool.csproj

dotnet pack "$PROJECT" -c Release -o "$OUT"
if [[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]]; then
  dotnet pack "$PROJECT" -c Release -r linux-x64 -o "$OUT"
fi
dotnet pack "$PROJECT" -c Release -r any -p:PublishAot=false -o "$OUT"
