#!/usr/bin/env bash
# `make dist`: builds a self-contained release of parley for this Linux machine and packs it as
# dist/parley-VERSION-linux-ARCH.tar.gz with its .sha256. The Swift standard library and Foundation are linked
# statically (--static-swift-stdlib), and so are cmark, xxHash and ICU, from their static archives (Debian's
# libcmark-dev, libxxhash-dev and libicu-dev ship them): the program then needs only the C library (and ICU's C++
# runtime), which is checked.
#   VERSION     the version the program prints (required; the Makefile gives the git tag without its 'v')
#   REPOSITORY  the GitHub repository it names (owner/name); empty: Sources/CParleyBuild's default
set -euo pipefail
cd "$(dirname "$0")/.."

: "${VERSION:?VERSION is required, such as VERSION=1.2.3}"
REPOSITORY="${REPOSITORY:-}"
SWIFT="${SWIFT:-swift}"
scratch=.build-dist
arch="$(uname -m)"
name="parley-$VERSION-linux-$arch"

# A folder holding only the static archives, searched first by the linker, so that the -lcmark, -lxxhash,
# -licuuc, -licui18n and -licudata the package asks for find the .a files instead of the shared libraries beside
# them. SwiftPM reads libcmark.pc and libxxhash.pc itself and passes their libdir (-L/usr/lib/…) before any
# -Xlinker flag, so the build is given copies of those two whose libdir is this folder (PKG_CONFIG_PATH).
archives="$PWD/$scratch/static-libs"
rm -rf "$archives" && mkdir -p "$archives/pkgconfig"
for package in libcmark libxxhash; do
    printf 'Name: %s\nDescription: %s, linked statically\nVersion: %s\nCflags: %s\nLibs: -L%s %s\n' \
        "$package" "$package" "$(pkg-config --modversion "$package")" "$(pkg-config --cflags "$package")" \
        "$archives" "$(pkg-config --libs-only-l "$package")" > "$archives/pkgconfig/$package.pc"
done
for pair in libcmark:cmark libxxhash:xxhash icu-uc:icuuc icu-i18n:icui18n icu-uc:icudata; do
    package="${pair%%:*}" library="${pair#*:}"
    libdir="$(pkg-config --variable=libdir "$package")"
    if [ ! -f "$libdir/lib$library.a" ]; then
        echo "dist: $libdir/lib$library.a is missing: the static archive of $library is needed (pkg-config $package)" >&2
        exit 1
    fi
    ln -s "$libdir/lib$library.a" "$archives/lib$library.a"
done

echo "Building parley $VERSION in release (static Swift runtime, static cmark, xxHash and ICU) into $scratch…"
start=$(date +%s)
PARLEY_VERSION="$VERSION" PARLEY_REPOSITORY="$REPOSITORY" PKG_CONFIG_PATH="$archives/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
    "$SWIFT" build -c release --product parley --scratch-path "$scratch" --static-swift-stdlib -Xlinker -L"$archives"
echo "Built in $(( $(date +%s) - start )) s."
binary="$scratch/release/parley"

# Only the C library, the dynamic loader and the C++ runtime ICU is written in may be loaded at run time.
allowed='^(libc|libm|libpthread|libdl|librt|libstdc\+\+|libgcc_s)\.so\.[0-9]+$|^ld-linux[-a-z0-9_]*\.so\.[0-9]+$'
needed="$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
unexpected="$(grep -Ev "$allowed" <<<"$needed" || true)"
if [ -n "$unexpected" ]; then
    echo "dist: $binary needs libraries a release must not: $(tr '\n' ' ' <<<"$unexpected")" >&2
    exit 1
fi
# SwiftPM gives every program the run path $ORIGIN (its own folder); any other would be a build machine's folder.
runpath="$(readelf -d "$binary" | sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]/\2/p')"
if [ -n "$runpath" ] && [ "$runpath" != '$ORIGIN' ]; then
    echo "dist: $binary has the run path $runpath" >&2
    exit 1
fi
printed="$("$binary" --version)"
case "$printed" in
    "parley $VERSION "*) ;;
    *) echo "dist: $binary --version prints '$printed', not parley $VERSION" >&2; exit 1 ;;
esac

folder="dist/$name"
rm -rf "$folder" "dist/$name.tar.gz" "dist/$name.tar.gz.sha256"
mkdir -p "$folder/completions"
cp "$binary" "$folder/parley"
strip "$folder/parley"
cp LICENSE "$folder/LICENSE"
repository="${REPOSITORY:-$(sed -n 's/^#define PARLEY_REPOSITORY "\(.*\)"$/\1/p' Sources/CParleyBuild/parley_build.c)}"
sed -e "s|@VERSION@|$VERSION|g" -e "s|@REPOSITORY@|$repository|g" -e "s|@OWNER@|${repository%%/*}|g" \
    -e "s|@NAME@|${repository#*/}|g" -e "s|@ARCH@|$arch|g" tools/dist/README.md > "$folder/README.md"
"$folder/parley" --generate-completion-script bash > "$folder/completions/parley.bash"
"$folder/parley" --generate-completion-script zsh > "$folder/completions/_parley"
"$folder/parley" --generate-completion-script fish > "$folder/completions/parley.fish"
chmod 0755 "$folder/parley" && chmod 0644 "$folder/LICENSE" "$folder/README.md" "$folder"/completions/*

# The same sources give the same tarball: files in name order, owned by root, dated by the last commit.
epoch="$(git log -1 --format=%ct 2>/dev/null || echo 0)"
tar -C dist --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$name" | gzip -9n > "dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "dist/$name.tar.gz: $(stat -c %s "dist/$name.tar.gz") bytes (the program $(stat -c %s "$folder/parley") bytes)"
cat "dist/$name.tar.gz.sha256"
