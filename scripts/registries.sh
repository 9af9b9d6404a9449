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

# probe <registry> <error pattern> <command...>: runs the client's request with a folder of its own ($probe_dir),
# and says why the registry did not answer (the client's first error line) when the request fails.
probe() {
  local registry=$1 pattern=$2 client=$3
  shift 2
  if ! command -v "${client%_*}" >/dev/null 2>&1; then
    echo "${client%_*} is not installed"
    return 1
  fi
  local out rc
  probe_dir=$(mktemp -d)
  out=$("$@" 2>&1)
  rc=$?
  rm -rf "$probe_dir"
  if [ "$rc" != 0 ]; then
    echo "$registry did not answer ${client%_*}: $(echo "$out" | grep -E "$pattern" | head -n 1 | cut -c1-160)"
    return 1
  fi
}

# pip finds `pip` itself on every index that mirrors PyPI.
probe_pypi() {
  probe PyPI 'ERROR' python3_pip download --no-deps --disable-pip-version-check --retries 1 --timeout 20 pip
}
python3_pip() {
  timeout 120 python3 -m pip "$@" -d "$probe_dir"
}

# Maven resolves the pom of `software.constructs:constructs`, which the Java app depends on.
probe_maven() {
  probe 'Maven Central' '^\[ERROR\]' mvn_get software.constructs:constructs:10.0.5:pom
}
mvn_get() {
  timeout 300 mvn -B -ntp -Dstyle.color=never "-Dmaven.repo.local=${MAVEN_LOCAL_REPO:-$PWD/.cache/m2}" \
    org.apache.maven.plugins:maven-dependency-plugin:3.6.1:get "-Dartifact=$1" -Dtransitive=false
}

# NuGet serves `Constructs`, which every CDK app in C# depends on.
probe_nuget() {
  probe NuGet 'error' dotnet_restore Constructs 10.0.5
}
dotnet_restore() {
  printf '%s\n' '<Project Sdk="Microsoft.NET.Sdk">' \
    "  <PropertyGroup><TargetFramework>net$(dotnet --version | cut -d. -f1).0</TargetFramework></PropertyGroup>" \
    "  <ItemGroup><PackageReference Include=\"$1\" Version=\"$2\" /></ItemGroup>" \
    '</Project>' >"$probe_dir/probe.csproj"
  timeout 300 dotnet restore "$probe_dir/probe.csproj" --packages "$probe_dir/packages"
}
