#!/usr/bin/env bash
# Builds, without any container registry, the base images the Dockerfiles take as build ARGs:
#   runner-orchestrator-base/debian:bookworm   minimal Debian (debootstrap + docker import)
#   runner-orchestrator-base/jdk:17            + OpenJDK 17 JDK and Maven (the build stage)
#   runner-orchestrator-base/jre:17            + OpenJDK 17 JRE (the runtime stage)
# Idempotent: an image that already exists is kept, so re-runs cost a few docker inspects.
# Needs root, debootstrap and Debian's package mirror (DEBIAN_MIRROR).
set -euo pipefail

readonly DEBIAN_IMAGE="${DEBIAN_IMAGE:-runner-orchestrator-base/debian:bookworm}"
readonly JDK_IMAGE="${JDK_IMAGE:-runner-orchestrator-base/jdk:17}"
readonly JRE_IMAGE="${JRE_IMAGE:-runner-orchestrator-base/jre:17}"
readonly DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
readonly SUITE=bookworm

log() { printf 'build-base-images: %s\n' "$*" >&2; }
fail() { log "error: $*"; exit 1; }

readonly RECIPE_LABEL=runner-orchestrator.base-recipe

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# image_label IMAGE LABEL: the label's value, empty when the image or the label is missing
image_label() {
    docker image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true
}

build_debian() {
    if image_exists "$DEBIAN_IMAGE"; then
        log "kept $DEBIAN_IMAGE (exists)"
        return
    fi
    command -v debootstrap >/dev/null || fail "debootstrap is missing: apt-get install debootstrap"
    [[ $EUID -eq 0 ]] || fail "debootstrap needs root"
    local rootfs
    rootfs="$(mktemp -d /tmp/ro-rootfs.XXXXXX)"
    log "debootstrap $SUITE from $DEBIAN_MIRROR"
    debootstrap --variant=minbase "$SUITE" "$rootfs" "$DEBIAN_MIRROR" >"$rootfs.log" 2>&1 \
        || { tail -n 20 "$rootfs.log" >&2; fail "debootstrap failed (log: $rootfs.log)"; }
    rm -f "$rootfs.log"
    # Keep the image small: no apt lists or caches.
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb
    tar -C "$rootfs" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
    rm -rf "$rootfs"
    log "built $DEBIAN_IMAGE"
}

# The Dockerfile for an image of DEBIAN_IMAGE plus Debian packages. Certificates the host added
# (/usr/local/share/ca-certificates, e.g. a company proxy's CA) are trusted too, so Maven inside
# the build stage can reach Maven Central where the host can.
# shellcheck disable=SC2016 # ${BASE} and ${PACKAGES} are for Docker, not the shell
readonly PACKAGES_DOCKERFILE='ARG BASE
FROM ${BASE}
ARG PACKAGES
ENV DEBIAN_FRONTEND=noninteractive
COPY certs/ /usr/local/share/ca-certificates/
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends ${PACKAGES} \
 && update-ca-certificates \
 && rm -rf /var/lib/apt/lists/*'

# build_with_packages IMAGE PACKAGES...: kept when its recipe (packages, certificates, Dockerfile)
# is unchanged, else rebuilt on host networking.
build_with_packages() {
    local image="$1"
    shift
    local context
    context="$(mktemp -d /tmp/ro-base.XXXXXX)"
    mkdir "$context/certs"
    if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "$context/certs/"
    fi
    printf '%s\n' "$PACKAGES_DOCKERFILE" >"$context/Dockerfile"
    local recipe
    recipe="$( (printf '%s\n' "$DEBIAN_IMAGE" "$*"; cat "$context/Dockerfile" "$context"/certs/*) | sha256sum | cut -c1-16)"
    if [[ "$(image_label "$image" "$RECIPE_LABEL")" == "$recipe" ]]; then
        log "kept $image (exists, same recipe)"
        rm -rf "$context"
        return
    fi
    log "building $image with: $*"
    docker build --network host --quiet --tag "$image" --label "$RECIPE_LABEL=$recipe" \
        --build-arg "BASE=$DEBIAN_IMAGE" --build-arg "PACKAGES=$*" "$context" >/dev/null
    rm -rf "$context"
    log "built $image"
}

main() {
    command -v docker >/dev/null || fail "docker CLI is missing"
    docker info >/dev/null 2>&1 || fail "cannot reach the Docker engine"
    build_debian
    build_with_packages "$JDK_IMAGE" openjdk-17-jdk-headless maven ca-certificates-java
    build_with_packages "$JRE_IMAGE" openjdk-17-jre-headless ca-certificates-java
    printf '%s\n' "BUILD_IMAGE=$JDK_IMAGE" "RUNTIME_IMAGE=$JRE_IMAGE"
}

main "$@"
