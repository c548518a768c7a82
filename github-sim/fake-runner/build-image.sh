#!/bin/sh
# Builds the fake runner image without a registry: a rootfs of busybox-static (applet links), the
# two scripts and /home/runner, imported with `docker import`. Usage: build-image.sh [TAG]
# (default fake-runner:local). The image is labelled with a hash of its inputs; when an image with
# that hash exists already, nothing is rebuilt.
set -eu

TAG=${1:-fake-runner:local}
HERE=$(cd "$(dirname "$0")" && pwd)
BUSYBOX=${BUSYBOX:-/bin/busybox}
HASH_LABEL=io.runnerorchestrator.fake-runner.hash

if [ ! -x "$BUSYBOX" ]; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "build-image: installing busybox-static" >&2
        apt-get install -y -q busybox-static >/dev/null
    fi
    [ -x "$BUSYBOX" ] || { echo "build-image: $BUSYBOX missing; install busybox-static" >&2; exit 1; }
fi
if ldd "$BUSYBOX" >/dev/null 2>&1; then
    echo "build-image: $BUSYBOX is dynamically linked; install busybox-static" >&2
    exit 1
fi

hash=$(cat "$BUSYBOX" "$HERE/entrypoint.sh" "$HERE/run.sh" "$HERE/build-image.sh" | sha256sum | cut -c1-64)
current=$(docker image inspect --format "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$TAG" 2>/dev/null || true)
if [ "$current" = "$hash" ]; then
    echo "build-image: $TAG is up to date hash=$(echo "$hash" | cut -c1-12)"
    exit 0
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc" "$root/home/runner/_work" "$root/tmp" "$root/usr"
cp "$BUSYBOX" "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
ln -s bin "$root/sbin"
ln -s ../bin "$root/usr/bin"
printf 'root:x:0:0:root:/root:/bin/sh\nrunner:x:1001:1001:runner:/home/runner:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nrunner:x:1001:\n' >"$root/etc/group"
chmod 1777 "$root/tmp"
install -m 0755 "$HERE/entrypoint.sh" "$root/entrypoint.sh"
install -m 0755 "$HERE/run.sh" "$root/home/runner/run.sh"

tar --numeric-owner --owner=0 --group=0 -C "$root" -cf - . | docker import \
    --change 'ENTRYPOINT ["/entrypoint.sh"]' \
    --change 'WORKDIR /home/runner' \
    --change 'ENV PATH=/bin' \
    --change "LABEL $HASH_LABEL=$hash" \
    - "$TAG" >/dev/null
echo "build-image: built $TAG hash=$(echo "$hash" | cut -c1-12)"
