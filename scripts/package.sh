#!/usr/bin/env bash
# Publishes Backtrack as one self-contained executable per architecture (no .NET needed on the host):
# dist/backtrack-linux-x64 and dist/backtrack-linux-arm64, each with a .sha256 beside it (sha256sum's
# format: 'cd dist && sha256sum -c backtrack-linux-x64.sha256'). Prints each file's size and, for the
# host's architecture, the start-up time of 'backtrack --version' and 'backtrack status --help' (median of
# several runs) against the ReadyToRun framework-dependent build of scripts/setup.sh (.build/backtrack).
#
#   scripts/package.sh [--no-measure] [--ready-to-run] [RID...]     RIDs: linux-x64 linux-arm64 (default: both)
#
# The host's architecture is compiled with NativeAOT: native code, no JIT (a rollback's start-up and planning
# cost a fraction of the ReadyToRun file's: bench/rollback.sh), SQLite linked in (Debian's libsqlite3.a). It
# needs clang-14 and libsqlite3-dev (scripts/setup.sh installs both); the build takes 4-25 minutes on the 2-CPU
# machine. The other architecture cannot be linked here: it is ReadyToRun (IL with precompiled code; SQLite's
# native library bundled and extracted on first run under ~/.net, or DOTNET_BUNDLE_EXTRACT_BASE_DIR).
# --ready-to-run builds ReadyToRun for the host's architecture too (a shorter build, a slower start).
#
# Idempotent: a file newer than the sources and built from the same commit the same way is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[package] %s\n' "$*" >&2; }

measure=1
ready_to_run_only=0
rids=()
for arg in "$@"; do
  case $arg in
    --no-measure) measure=0 ;;
    --ready-to-run) ready_to_run_only=1 ;;
    linux-x64 | linux-arm64) rids+=("$arg") ;;
    *) log "unknown argument '$arg'; usage: scripts/package.sh [--no-measure] [--ready-to-run] [linux-x64] [linux-arm64]"; exit 2 ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64)

case $(uname -m) in
  x86_64) host_rid=linux-x64 ;;
  aarch64) host_rid=linux-arm64 ;;
  *) host_rid=none ;;
esac
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
mkdir -p dist

# How a RID is built: NativeAOT for the host's architecture, ReadyToRun otherwise (or with --ready-to-run).
kind_of() { if [ "$1" = "$host_rid" ] && [ $ready_to_run_only -eq 0 ]; then echo aot; else echo r2r; fi; }

# One file per RID. ReadyToRun: the precompiled code is what makes start-up as fast as the framework-
# dependent build; crossgen for another architecture comes from NuGet (Microsoft.NETCore.App.Crossgen2 of
# the host runs for every target) and the build falls back to plain IL when it cannot be had. SQLite's
# native library is bundled too (extracted on first run under ~/.net, or DOTNET_BUNDLE_EXTRACT_BASE_DIR).
publish() {
  local rid=$1 r2r=$2 out=.build/package/$rid
  rm -rf "$out"
  # Its own intermediate and output folders: the framework-dependent build of setup.sh keeps its own.
  local cmd=(dotnet publish src/Backtrack.Cli -c Release -r "$rid" --self-contained true
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishReadyToRun="$r2r"
    -p:IntermediateOutputPath="obj/package/$rid/" -p:OutputPath="bin/package/$rid/" -o "$out" -nologo -v q)
  "${cmd[@]}" >".build/package/$rid.log" 2>&1 || return 1
  cp "$out/backtrack" "dist/backtrack-$rid.partial"
  mv "dist/backtrack-$rid.partial" "dist/backtrack-$rid"
  (cd dist && sha256sum "backtrack-$rid" >"backtrack-$rid.sha256")
}

# NativeAOT: the library's and the CLI's types stay rooted; all JSON goes through generated metadata (the
# CLI disables reflection-based JSON in every build). Trimming warnings (IL2026/IL3050) that remain come
# from the packages (Spectre.Console.Cli's settings, YamlDotNet, Docker.DotNet): printed in the log, not errors.
publish_aot() {
  local rid=$1 out=.build/package/$rid-aot
  rm -rf "$out"
  local cmd=(dotnet publish src/Backtrack.Cli -c Release -r "$rid" --self-contained true -p:PublishAot=true
    -p:CppCompilerAndLinker=clang-14 -p:TreatWarningsAsErrors=false
    -p:IntermediateOutputPath="obj/package/$rid-aot/" -p:OutputPath="bin/package/$rid-aot/" -o "$out" -nologo -v q)
  "${cmd[@]}" >".build/package/$rid-aot.log" 2>&1 || { cat ".build/package/$rid-aot.log" >&2; exit 1; }
  cp "$out/backtrack" "dist/backtrack-$rid.partial"
  mv "dist/backtrack-$rid.partial" "dist/backtrack-$rid"
  (cd dist && sha256sum "backtrack-$rid" >"backtrack-$rid.sha256")
}

build() {
  local rid=$1 file=dist/backtrack-$rid stamp=dist/.stamp-$rid kind sources
  kind=$(kind_of "$rid")
  # bin/ and obj/ hold generated sources that every build (of the other RID too) writes again.
  sources=$(find src Directory.*.props \( -name bin -o -name obj \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) \
    -newer "$stamp" -print 2>/dev/null | head -n 1 || true)
  if [ -f "$file" ] && [ -f "$file.sha256" ] && [ -f "$stamp" ] && [ -z "$sources" ] && [ "$(cut -d' ' -f1 "$stamp")" = "$commit" ] &&
    [ "$(cut -d' ' -f2 "$stamp")" = "$kind" ]; then
    log "$file is up to date ($(cat "$stamp"))"
    return 0
  fi
  mkdir -p .build/package
  if [ "$kind" = aot ]; then
    log "publishing $file ($commit, NativeAOT; minutes of CPU)"
    publish_aot "$rid"
    echo "$commit aot" >"$stamp"
    return 0
  fi
  log "publishing $file ($commit, ReadyToRun; minutes on a busy machine)"
  if publish "$rid" true; then echo "$commit r2r" >"$stamp"; return 0; fi
  log "ReadyToRun for $rid failed (see .build/package/$rid.log); publishing without it"
  cp ".build/package/$rid.log" ".build/package/$rid.r2r.log"
  publish "$rid" false || { cat ".build/package/$rid.log" >&2; exit 1; }
  echo "$commit r2r" >"$stamp"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

# Median wall times (ms) of N runs of each EXE with ARGS, one line; the executables take turns run by run
# (after one warm-up each), so a machine busy with other work weighs on both alike.
startup_ms() {
  local n=$1 args=() exes=() i start end
  shift
  while [ "$1" != -- ]; do exes+=("$1"); shift; done
  shift
  args=("$@")
  local -A times=()
  for exe in "${exes[@]}"; do "$exe" "${args[@]}" >/dev/null 2>&1 || true; done
  for _ in $(seq 1 "$n"); do
    for i in "${!exes[@]}"; do
      start=$(date +%s%N)
      "${exes[$i]}" "${args[@]}" >/dev/null 2>&1 || true
      end=$(date +%s%N)
      times[$i]+=" $(((end - start) / 1000000))"
    done
  done
  for i in "${!exes[@]}"; do
    # shellcheck disable=SC2086
    printf '%s ' "$(median ${times[$i]})"
  done
  echo
}

for rid in "${rids[@]}"; do build "$rid"; done

printf '\n%-28s %10s  %-10s %s\n' file size build sha256
for rid in "${rids[@]}"; do
  printf '%-28s %7s MB  %-10s %s\n' "dist/backtrack-$rid" "$(($(stat -c %s "dist/backtrack-$rid") / 1024 / 1024))" \
    "$(if [ "$(kind_of "$rid")" = aot ]; then echo NativeAOT; else echo ReadyToRun; fi)" "$(cut -c1-16 "dist/backtrack-$rid.sha256")…"
done

[ $measure -eq 1 ] || exit 0
single=dist/backtrack-$host_rid
if [ ! -x "$single" ]; then
  log "no single file for this machine's architecture ($host_rid) to time"
  exit 0
fi
runs=${BACKTRACK_STARTUP_RUNS:-21}
exes=("$single")
names=("single file ($host_rid, ReadyToRun)")
[ "$(kind_of "$host_rid")" = aot ] && names=("single file ($host_rid, NativeAOT)")
if [ -x .build/backtrack/backtrack ]; then
  exes+=(.build/backtrack/backtrack)
  names+=("ReadyToRun framework-dependent")
else
  log "no .build/backtrack/backtrack to compare with; scripts/setup.sh builds it"
fi
read -r -a version <<<"$(startup_ms "$runs" "${exes[@]}" -- --version)"
read -r -a help <<<"$(startup_ms "$runs" "${exes[@]}" -- status --help)"
printf '\nstart-up, median of %d runs (load average %s):\n' "$runs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %12s %16s\n' build '--version' 'status --help'
for i in "${!exes[@]}"; do
  printf '%-34s %9s ms %13s ms\n' "${names[$i]}" "${version[$i]}" "${help[$i]}"
done
