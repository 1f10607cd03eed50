#!/usr/bin/env bash
# `make dist-check`: tests a packed release where nothing it was built from can be found. Verifies the tarball's
# checksum, extracts it into a new temporary folder and, in a private mount namespace (unshare -m, as root), hides
# the Swift toolchain under an empty tmpfs and every shared libcmark, libxxhash, libicu*, libswift*, libFoundation*,
# libdispatch and libBlocksRuntime under /dev/null; there it runs the program through a symbolic link on PATH:
# --version, new, build, check --strict and serve (the home page fetched with curl). A negative control proves the
# hiding: programs linked to those libraries must fail to start in the same namespace. Prints PASS or FAIL.
#   tools/dist_check.sh dist/parley-VERSION-linux-ARCH.tar.gz
set -euo pipefail

tarball="${1:?usage: tools/dist_check.sh dist/parley-VERSION-linux-ARCH.tar.gz}"
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"
name="$(basename "$tarball" .tar.gz)"
version="$(sed -n 's/^parley-\(.*\)-linux-[a-z0-9_]*$/\1/p' <<<"$name")"

fail() { echo "dist-check: FAIL: $*" >&2; exit 1; }
[ -n "$version" ] || fail "$tarball is not named parley-VERSION-linux-ARCH.tar.gz"
[ "$(id -u)" = 0 ] || fail "the check hides libraries with mounts in a private namespace, which needs root"
command -v unshare >/dev/null || fail "unshare (util-linux) is missing"
command -v curl >/dev/null || fail "curl is missing"

echo "dist-check: the checksum of $name.tar.gz"
(cd "$(dirname "$tarball")" && sha256sum -c "$name.tar.gz.sha256") || fail "the checksum does not match"

work="$(mktemp -d /tmp/parley-dist-check.XXXXXX)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
folder="$work/$name"
for file in parley LICENSE README.md completions/parley.bash completions/_parley completions/parley.fish; do
    [ -f "$folder/$file" ] || fail "the tarball has no $name/$file"
done
[ "$(ls -A "$work")" = "$name" ] || fail "the tarball holds more than the folder $name"

# The toolchain: the folder holding swift's usr/ (such as /opt/swift), or, for a toolchain installed in /usr, its
# library folders. A control program linked to the shared cmark, xxHash and ICU, built here while they are visible.
toolchain=""
if swift="$(command -v swift 2>/dev/null)"; then
    usr="$(dirname "$(dirname "$(readlink -f "$swift")")")"
    if [ "$usr" = /usr ]; then toolchain="/usr/lib/swift /usr/lib/swift_static"; else toolchain="$(dirname "$usr")"; fi
fi
printf '#include <cmark.h>\n#include <xxhash.h>\n#include <unicode/uloc.h>\nint main(void) { return cmark_version() == 0 || XXH64("", 0, 0) == 0 || uloc_getDefault() == 0; }\n' \
    > "$work/control.c"
cc -o "$work/control" "$work/control.c" $(pkg-config --cflags --libs libcmark libxxhash icu-uc) \
    || fail "cannot build the control program (the -dev packages of cmark, xxHash and ICU are needed)"
"$work/control" || fail "the control program does not run even with the libraries visible"
# And, where there is a toolchain, a Swift program linked to the shared Swift runtime and Foundation.
swift_control=""
if [ -n "$toolchain" ]; then
    printf 'import Foundation\nprint(Date().timeIntervalSince1970 > 0)\n' > "$work/control.swift"
    swiftc -o "$work/control-swift" "$work/control.swift" || fail "cannot build the Swift control program"
    "$work/control-swift" >/dev/null || fail "the Swift control program does not run even with its libraries visible"
    swift_control="$work/control-swift"
fi

cat > "$work/inside.sh" <<'INSIDE'
set -uo pipefail
work="$1" folder="$2" version="$3" toolchain="$4" swift_control="$5"
status=0
ok() { echo "  ok   $*"; }
bad() { echo "  FAIL $*"; status=1; }

# Hide: the toolchain under empty tmpfs, each shared library (the files; their symbolic links then lead there).
mount --make-rprivate / || { echo "  FAIL cannot make the mounts private"; exit 1; }
for dir in $toolchain; do [ -d "$dir" ] && mount -t tmpfs -o ro,size=1m tmpfs "$dir"; done
hidden=0
while IFS= read -r -d '' lib; do
    mount --bind /dev/null "$lib" && hidden=$((hidden + 1))
done < <(for dir in /lib /lib64 /usr/lib /usr/lib64 /usr/local/lib /opt; do [ -d "$dir" ] && readlink -f "$dir"; done \
    | sort -u | xargs -r -I{} find {} -type f \( -name 'libcmark*.so*' -o -name 'libxxhash*.so*' -o -name 'libicu*.so*' \
       -o -name 'libswift*.so*' -o -name 'libFoundation*.so*' -o -name 'lib_Foundation*.so*' \
       -o -name 'libdispatch*.so*' -o -name 'libBlocksRuntime*.so*' \) -print0 2>/dev/null)
echo "  hid ${toolchain:-no toolchain} and $hidden shared libraries"

# The negative control: what needs those libraries cannot start.
if out="$("$work/control" 2>&1)"; then bad "the control program linked to libcmark, libxxhash and libicu still runs"
elif grep -q "error while loading shared libraries" <<<"$out"; then ok "control (libcmark, libxxhash, libicu) fails: $out"
else bad "the control program fails otherwise: $out"; fi
if [ -n "$swift_control" ]; then
    if out="$("$swift_control" 2>&1)"; then bad "the control program linked to the Swift runtime and Foundation still runs"
    elif grep -q "error while loading shared libraries" <<<"$out"; then ok "control (Swift runtime, Foundation) fails: $out"
    else bad "the Swift control program fails otherwise: $out"; fi
fi
command -v swift >/dev/null 2>&1 && bad "swift is still found: $(command -v swift)"

# The program, from a symbolic link on PATH, in an unrelated folder.
mkdir -p "$work/bin" "$work/sites" && ln -s "$folder/parley" "$work/bin/parley"
export PATH="$work/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
cd "$work/sites" || exit 1
run() { local out; if out="$("$@" 2>&1)"; then ok "$* → $(tail -1 <<<"$out")"; else bad "$* exited $?: $out"; fi; }
out="$(parley --version 2>&1)"
case "$out" in "parley $version "*) ok "parley --version → $out" ;; *) bad "parley --version → $out (expected parley $version …)" ;; esac
run parley new site
for file in Content/site.yaml Templates/base.mustache .github/workflows/publish.yml .gitignore; do
    [ -f "site/$file" ] || bad "parley new wrote no $file"
done
run parley build -s site
[ -f site/Public/index.html ] || bad "parley build wrote no Public/index.html"
run parley check --strict -s site

parley serve -s site --port 0 > "$work/serve.log" 2>&1 &
serve=$!
url=""
for _ in $(seq 1 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" | head -1)"
    [ -n "$url" ] && break
    kill -0 "$serve" 2>/dev/null || break
    sleep 0.2
done
if [ -z "$url" ]; then
    bad "parley serve printed no address: $(cat "$work/serve.log")"
else
    code="$(curl -s -o "$work/index.html" -w '%{http_code}' --max-time 10 "$url")"
    if [ "$code" = 200 ] && grep -q '<html' "$work/index.html"; then ok "parley serve → GET $url → $code"
    else bad "parley serve → GET $url → $code"; fi
fi
kill -INT "$serve" 2>/dev/null
for _ in $(seq 1 50); do kill -0 "$serve" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$serve" 2>/dev/null; then bad "parley serve did not stop on SIGINT"; kill -KILL "$serve"
elif [ -n "$url" ]; then ok "parley serve stopped on SIGINT"; fi
wait "$serve" 2>/dev/null
exit $status
INSIDE

echo "dist-check: $name, with the toolchain and the shared libraries hidden"
if unshare -m bash "$work/inside.sh" "$work" "$folder" "$version" "$toolchain" "$swift_control"; then
    echo "dist-check: PASS ($name)"
else
    fail "$name (see above)"
fi
