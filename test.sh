#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, then runs every test.
#   1. Debian's python3-numpy, python3-numexpr and python3-numba (the differential tests' oracle and the bench smoke
#      test), qemu-user and the ARM64 C libraries (the ARM64 check), redis-server (the cluster's Redis membership tests
#      start their own on a free 127.0.0.1 port and stop it) — with apt-get, as root or through sudo;
#   2. dotnet test of the solution;
#   3. the kernel and generated-code tests again at 256 and 128 bits and without SIMD (DOTNET_Enable… switches);
#   4. tests/ArmKernels published for linux-arm64 and run under qemu-aarch64;
#   5. the packages packed (SlowSeries, SlowSeries.Distributed), then tests/PackageConsumer built from it and run, with the JIT and published with NativeAOT
#      and trimmed (Debian's clang and zlib1g-dev link the AOT one).
# `dotnet test SlowSeries.sln -c Release` alone runs step 2 where the tools are already installed.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
if [ -n "${SLOWSERIES_PYTHON:-}" ]; then
  if ! "$SLOWSERIES_PYTHON" -c 'import numpy, numexpr, numba' >/dev/null 2>&1; then
    echo "test.sh: SLOWSERIES_PYTHON=$SLOWSERIES_PYTHON cannot import numpy, numexpr and numba; install them there, or unset SLOWSERIES_PYTHON to use Debian's /usr/bin/python3 (this script installs its packages)." >&2
    exit 2
  fi
else
  /usr/bin/python3 -c 'import numpy, numexpr, numba' >/dev/null 2>&1 || missing+=(python3-numpy python3-numexpr python3-numba)
fi
command -v qemu-aarch64 >/dev/null 2>&1 || missing+=(qemu-user)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ] || missing+=(libc6-arm64-cross)
[ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ] || missing+=(libstdc++6-arm64-cross)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    echo "test.sh: the tests need Debian's ${missing[*]}, and installing them needs root: run" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    echo "then run ./test.sh again." >&2
    exit 2
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: the tests need ${missing[*]} (Debian's package names) and this machine has no apt-get; install them, or point SLOWSERIES_PYTHON at a Python with NumPy 1.24, NumExpr 2.8 and Numba." >&2
    exit 2
  fi
  echo "test.sh: installing Debian's ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  ${as_root[@]+"${as_root[@]}"} apt-get update -qq
  ${as_root[@]+"${as_root[@]}"} apt-get install -y -qq "${missing[@]}"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test SlowSeries.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Every vector width on this CPU (most users have no AVX-512): the kernel, vectorization, fused-loop and generated-kernel
# tests and the NumPy/NumExpr differential corpus again with AVX-512 off (256-bit, AVX2), AVX2 off (128-bit, NEON's width) and no SIMD at all.
width_filter="FullyQualifiedName~Vectorization|FullyQualifiedName~FixedLayoutReduction|FullyQualifiedName~AxisReductionTests|FullyQualifiedName~SpanArithmeticTests|FullyQualifiedName~FusedKernelTests|FullyQualifiedName~FusedReductionTests|FullyQualifiedName~AccumulatingReductionTests|FullyQualifiedName~ComplexReductionTests|FullyQualifiedName~WhereLoopTests|FullyQualifiedName~ByteStringComparisonTests|FullyQualifiedName~IntegerPowerLoopTests|FullyQualifiedName~StreamingStoreTests|FullyQualifiedName~KernelPropertyTests|FullyQualifiedName~GeneratedKernelTests|FullyQualifiedName~GeneratedExpressionTests|FullyQualifiedName~Log10IsExactAtPowersOfTen|FullyQualifiedName~ComplexKernelTests|FullyQualifiedName~ReductionPartialsTests|FullyQualifiedName~Differential.DifferentialTests|FullyQualifiedName~StridedGatherTests|FullyQualifiedName~FunctionAccuracyTests"
if [ "$status" -eq 0 ]; then
  for width in DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableHWIntrinsic=0; do
    for project in tests/SlowSeries.Runtime.Tests tests/SlowSeries.Generator.Tests; do
      echo "== $width: $project"
      set +e
      env "$width" dotnet test "$project" -c Release --no-build --filter "$width_filter" 2>&1 | tee -a "$log"
      width_status=${PIPESTATUS[0]}
      set -e
      if [ "$width_status" -ne 0 ]; then status=$width_status; fi
    done
  done
fi

# ARM64 (NEON, 128-bit vectors): the generated kernels and the run-time back-end, published self-contained for
# linux-arm64 and run emulated; its checks include the same bits as this x64 machine for sums with sin and cos.
if [ "$status" -eq 0 ]; then
  arm_out=$(mktemp -d)
  echo "== ARM64 under qemu"
  set +e
  dotnet publish tests/ArmKernels -c Release -o "$arm_out" 2>&1 | tail -n 3 \
    && qemu-aarch64 -L /usr/aarch64-linux-gnu "$arm_out/SlowSeries.ArmKernels" 2>&1 | tee -a "$log"
  arm_status=${PIPESTATUS[0]}
  set -e
  rm -rf "$arm_out"
  if [ "$arm_status" -ne 0 ]; then status=$arm_status; fi
fi

# The package a user installs: packed into ./artifacts/packages, then a project outside the solution
# (tests/PackageConsumer, with its own nuget.config) restores it by PackageReference alone, builds — the generator runs
# from the package — and checks its results.
if [ "$status" -eq 0 ]; then
  echo "== the SlowSeries package, consumed as a user's project"
  version=$(dotnet msbuild src/Runtime -getProperty:Version)
  rm -rf artifacts/packages artifacts/consumer-packages
  pack_log=$(mktemp)
  set +e
  dotnet pack src/Runtime -c Release -o artifacts/packages > "$pack_log" 2>&1 \
    && dotnet pack src/Distributed -c Release -o artifacts/packages >> "$pack_log" 2>&1 \
    && ls artifacts/packages/SlowSeries.Distributed."$version".nupkg
  package_status=$?
  if [ "$package_status" -eq 0 ]; then
    dotnet run --project tests/PackageConsumer -c Release -p:SlowSeriesVersion="$version" 2>&1 | tee -a "$log"
    package_status=${PIPESTATUS[0]}
  else
    tail -n 20 "$pack_log"
  fi
  # The same program published and run as a user would ship it: $1 names the form, the rest are publish options.
  publish_and_run() {
    local what=$1 out
    shift
    echo "== the package consumer, published $what"
    out=$(mktemp -d)
    dotnet publish tests/PackageConsumer -c Release -p:SlowSeriesVersion="$version" "$@" -o "$out" > "$pack_log" 2>&1
    package_status=$?
    if [ "$package_status" -eq 0 ]; then
      "$out/PackageConsumer" 2>&1 | tee -a "$log"
      package_status=${PIPESTATUS[0]}
    else
      tail -n 20 "$pack_log"
    fi
    rm -rf "$out"
  }
  # NativeAOT: no code compiled at run time, zero trimming/AOT warnings (warnings are errors).
  if [ "$package_status" -eq 0 ]; then publish_and_run "with NativeAOT" -p:PublishAot=true; fi
  # Trimmed but JIT-compiled: the package switches the run-time compiler off there (the trimmer may remove what it reflects on).
  if [ "$package_status" -eq 0 ]; then publish_and_run "trimmed" -r linux-x64 --self-contained -p:PublishTrimmed=true; fi
  set -e
  rm -f "$pack_log"
  if [ "$package_status" -ne 0 ]; then status=$package_status; fi
fi

# One closing line over all test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "${passed} passed, ${failed} failed"
exit "$status"
