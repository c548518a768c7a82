#!/usr/bin/env bash
# Entrypoint of apex-runner. Optionally starts Docker-in-Docker, then runs the GitHub Actions runner:
#   - with arguments (e.g. the command /home/runner/run.sh), they run as given;
#   - JIT mode: ACTIONS_RUNNER_INPUT_JITCONFIG is set (or the file ACTIONS_RUNNER_INPUT_JITCONFIG_FILE
#     names holds it: a Docker secret, swarm backend); run.sh reads it and needs no config step;
#   - token mode: the registration token in the file RUNNER_TOKEN_FILE (the orchestrator places it;
#     it is deleted once read, so jobs never see it), or RUNNER_TOKEN; and the myoung34/github-runner
#     environment (RUNNER_SCOPE, REPO_URL or
#     ORG_NAME, GITHUB_HOST, RUNNER_NAME, LABELS, RUNNER_GROUP, EPHEMERAL, DISABLE_AUTO_UPDATE,
#     NO_DEFAULT_LABELS, RUNNER_WORKDIR) feeds config.sh --unattended, then run.sh.
# Docker-in-Docker: ORCHESTRATOR_RUNNER_DOCKER=dind (or START_DOCKER_SERVICE=true) in a privileged
# container starts dockerd with /etc/docker/daemon.json before the runner.
set -euo pipefail

readonly RUNNER_HOME="${RUNNER_HOME:-/home/runner}"
readonly DOCKERD_TIMEOUT_SECONDS="${DOCKERD_TIMEOUT_SECONDS:-60}"
readonly DOCKERD_LOG=/var/log/dockerd.log
readonly CAP_SYS_ADMIN_BIT=21

log() { printf 'runner-entrypoint: %s\n' "$*" >&2; }
fail() { log "error: $*"; exit 1; }

is_true() {
    case "${1,,}" in
        true | 1 | yes) return 0 ;;
        *) return 1 ;;
    esac
}

wants_dind() {
    [[ "${ORCHESTRATOR_RUNNER_DOCKER:-}" == dind ]] || is_true "${START_DOCKER_SERVICE:-false}"
}

# Privileged containers keep CAP_SYS_ADMIN in the bounding set (a non-root user's effective set is empty).
is_privileged() {
    local key value
    while read -r key value; do
        if [[ "$key" == CapBnd: ]]; then
            (((16#$value >> CAP_SYS_ADMIN_BIT) & 1))
            return
        fi
    done </proc/self/status
    return 1
}

# The host may use legacy iptables; nft rules from inside would then fail, so follow the host.
choose_iptables() {
    if ! sudo -n iptables -t nat -L >/dev/null 2>&1 && sudo -n iptables-legacy -t nat -L >/dev/null 2>&1; then
        sudo -n update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
        log "iptables=legacy"
    fi
}

start_dockerd() {
    is_privileged || fail "ORCHESTRATOR_RUNNER_DOCKER=dind needs a privileged container (docker run --privileged)"
    choose_iptables
    log "dockerd.starting config=/etc/docker/daemon.json log=$DOCKERD_LOG"
    sudo -n sh -c "dockerd --config-file /etc/docker/daemon.json >$DOCKERD_LOG 2>&1 &"
    local waited=0
    until docker info >/dev/null 2>&1; do
        if ((waited >= DOCKERD_TIMEOUT_SECONDS)); then
            sudo -n tail -n 20 "$DOCKERD_LOG" >&2 || true
            fail "dockerd did not answer within ${DOCKERD_TIMEOUT_SECONDS}s"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log "dockerd.ready seconds=$waited"
}

# The URL config.sh registers against, from RUNNER_SCOPE and REPO_URL / ORG_NAME / ENTERPRISE_NAME.
runner_url() {
    local host="${GITHUB_HOST:-github.com}"
    if [[ "$host" != http://* && "$host" != https://* ]]; then
        host="https://$host"
    fi
    case "${RUNNER_SCOPE:-repo}" in
        repo)
            [[ -n "${REPO_URL:-}" ]] || fail "REPO_URL is required when RUNNER_SCOPE=repo (e.g. https://github.com/acme/app)"
            printf '%s\n' "$REPO_URL"
            ;;
        org)
            [[ -n "${ORG_NAME:-}" ]] || fail "ORG_NAME is required when RUNNER_SCOPE=org"
            printf '%s/%s\n' "$host" "$ORG_NAME"
            ;;
        ent | enterprise)
            [[ -n "${ENTERPRISE_NAME:-}" ]] || fail "ENTERPRISE_NAME is required when RUNNER_SCOPE=ent"
            printf '%s/enterprises/%s\n' "$host" "$ENTERPRISE_NAME"
            ;;
        *) fail "RUNNER_SCOPE must be repo, org or ent, not '${RUNNER_SCOPE}'" ;;
    esac
}

# The token from RUNNER_TOKEN_FILE (deleted at once, before any job can run) or RUNNER_TOKEN.
read_token() {
    if [[ -n "${RUNNER_TOKEN_FILE:-}" ]]; then
        [[ -r "$RUNNER_TOKEN_FILE" ]] || fail "RUNNER_TOKEN_FILE=$RUNNER_TOKEN_FILE is not a readable file"
        RUNNER_TOKEN="$(<"$RUNNER_TOKEN_FILE")"
        # A Docker secret (swarm backend) is a read-only mount that cannot be deleted; it goes with the service.
        rm -f "$RUNNER_TOKEN_FILE" 2>/dev/null || grep -q " $RUNNER_TOKEN_FILE " /proc/mounts \
            || fail "could not delete RUNNER_TOKEN_FILE=$RUNNER_TOKEN_FILE"
        unset RUNNER_TOKEN_FILE
    fi
}

configure_runner() {
    read_token
    [[ -n "${RUNNER_TOKEN:-}" ]] \
        || fail "RUNNER_TOKEN_FILE or RUNNER_TOKEN is required in token mode (or set ACTIONS_RUNNER_INPUT_JITCONFIG for JIT mode)"
    local url name
    url="$(runner_url)"
    name="${RUNNER_NAME:-${RUNNER_NAME_PREFIX:-runner}-${HOSTNAME}}"
    local args=(--unattended --replace --url "$url" --name "$name" --work "${RUNNER_WORKDIR:-_work}")
    if [[ -n "${LABELS:-}" ]]; then args+=(--labels "$LABELS"); fi
    if [[ -n "${RUNNER_GROUP:-}" ]]; then args+=(--runnergroup "$RUNNER_GROUP"); fi
    if is_true "${EPHEMERAL:-true}"; then args+=(--ephemeral); fi
    if is_true "${DISABLE_AUTO_UPDATE:-false}"; then args+=(--disableupdate); fi
    if is_true "${NO_DEFAULT_LABELS:-false}"; then args+=(--no-default-labels); fi
    log "runner.configuring mode=token name=$name url=$url"
    # The token travels in the environment of config.sh alone: never in argv, logs or the jobs' env.
    ACTIONS_RUNNER_INPUT_TOKEN="$RUNNER_TOKEN" "$RUNNER_HOME/config.sh" "${args[@]}"
    unset RUNNER_TOKEN ACCESS_TOKEN
}

# The swarm backend hands the JIT config over as a Docker secret file (ACTIONS_RUNNER_INPUT_JITCONFIG_FILE),
# never in the service's environment; the runner's run.sh reads the variable, set here for it alone.
read_jit_config_file() {
    if [[ -z "${ACTIONS_RUNNER_INPUT_JITCONFIG:-}" && -n "${ACTIONS_RUNNER_INPUT_JITCONFIG_FILE:-}" ]]; then
        [[ -r "$ACTIONS_RUNNER_INPUT_JITCONFIG_FILE" ]] \
            || fail "ACTIONS_RUNNER_INPUT_JITCONFIG_FILE=$ACTIONS_RUNNER_INPUT_JITCONFIG_FILE is not a readable file"
        ACTIONS_RUNNER_INPUT_JITCONFIG="$(<"$ACTIONS_RUNNER_INPUT_JITCONFIG_FILE")"
        export ACTIONS_RUNNER_INPUT_JITCONFIG
        unset ACTIONS_RUNNER_INPUT_JITCONFIG_FILE
    fi
}

main() {
    cd "$RUNNER_HOME"
    if wants_dind; then
        start_dockerd
    fi
    read_jit_config_file
    if (($# > 0)); then
        log "runner.exec command=$1"
        exec "$@"
    fi
    if [[ -n "${ACTIONS_RUNNER_INPUT_JITCONFIG:-}" ]]; then
        log "runner.starting mode=jit"
        exec "$RUNNER_HOME/run.sh"
    fi
    configure_runner
    log "runner.starting mode=token"
    exec "$RUNNER_HOME/run.sh"
}

main "$@"
