# Sourced by the packaging, binding and lint scripts: which package registries answer on this machine.
#
# The Python suite and cfn-lint need PyPI (through pip), the Java suite needs Maven Central (through mvn), the .NET
# suite needs NuGet (through dotnet). A suite runs where its registry answers. Where it does not, the scripts print
# one line `<suite>: not run (<reason>)` and count nothing for it, neither passed nor failed.
#
# Each probe asks the registry, through its own client and that client's configuration, for one small package the
# suite needs anyway, and caches the answer for the rest of the run in .cache/registries/<name>:
#   registry_answers pypi|maven|nuget    exit 0 when it answers; otherwise prints the reason and exits 1
# BATCH_REGISTRIES=none (or a list such as "pypi nuget") overrides the probes, for testing the scripts.

registries_cache="${REGISTRIES_CACHE:-$PWD/.cache/registries}"

registry_answers() {
  local name=$1
  local file="$registries_cache/$name"
  if [ -n "${BATCH_REGISTRIES:-}" ]; then
    case " $BATCH_REGISTRIES " in
      *" $name "*) return 0 ;;
      *) echo "BATCH_REGISTRIES=\"$BATCH_REGISTRIES\" leaves $name out"; return 1 ;;
    esac
  fi
  if [ ! -f "$file" ]; then
    mkdir -p "$registries_cache"
    "probe_$name" >"$file.tmp" 2>&1
    echo "rc=$?" >>"$file.tmp"
    mv "$file.tmp" "$file"
  fi
  if tail -n 1 "$file" | grep -qx 'rc=0'; then
    return 0
  fi
  # the reason: the probe's first line
  head -n 1 "$file"
  return 1
}

# pip finds `pip` itself on every index that mirrors PyPI.
probe_pypi() {
  if ! command -v python3 >/dev/null 2>&1; then
    echo "python3 is not installed"
    return 1
  fi
  local dir out
  dir=$(mktemp -d)
  out=$(timeout 120 python3 -m pip download --no-deps --disable-pip-version-check --retries 1 --timeout 20 -d "$dir" pip 2>&1)
  local rc=$?
  rm -rf "$dir"
  if [ "$rc" != 0 ]; then
    echo "PyPI did not answer pip: $(echo "$out" | grep -E 'ERROR' | head -n 1)"
    return 1
  fi
}

# Maven resolves the pom of `software.constructs:constructs`, which the Java app depends on.
probe_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "mvn is not installed"
    return 1
  fi
  local repo=${MAVEN_LOCAL_REPO:-$PWD/.cache/m2} out
  out=$(timeout 300 mvn -B -ntp -Dstyle.color=never "-Dmaven.repo.local=$repo" \
    org.apache.maven.plugins:maven-dependency-plugin:3.6.1:get -Dartifact=software.constructs:constructs:10.0.5:pom \
    -Dtransitive=false 2>&1)
  local rc=$?
  if [ "$rc" != 0 ]; then
    echo "Maven Central did not answer mvn: $(echo "$out" | grep -E '^\[ERROR\]' | head -n 1 | cut -c1-160)…"
    return 1
  fi
}

# NuGet serves `Constructs`, which every CDK app in C# depends on.
probe_nuget() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "the .NET SDK (dotnet) is not installed"
    return 1
  fi
  local dir out
  dir=$(mktemp -d)
  cat >"$dir/probe.csproj" <<EOF2
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net$(dotnet --version | cut -d. -f1).0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Constructs" Version="10.0.5" /></ItemGroup>
</Project>
EOF2
  out=$(timeout 300 dotnet restore "$dir/probe.csproj" --packages "$dir/packages" 2>&1)
  local rc=$?
  rm -rf "$dir"
  if [ "$rc" != 0 ]; then
    echo "NuGet did not answer dotnet: $(echo "$out" | grep -E 'error' | head -n 1 | cut -c1-160)…"
    return 1
  fi
}
