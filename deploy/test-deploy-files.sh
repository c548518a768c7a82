#!/usr/bin/env bash
# Checks the deployment files without pulling any image: shellcheck on every script, the compose
# file through docker-compose config with a sample .env, prometheus.yml through promtool and
# scraping the orchestrator's metrics path, Grafana's provisioning pointing at its dashboard and
# datasource, the dashboard's queries as valid PromQL over the metric names the orchestrator
# exports, and setup-orchestrator.sh's early exits.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=deploy/testlib.sh
source "$ROOT/deploy/testlib.sh"

WORK="$(mktemp -d /tmp/ro-deploy-files.XXXXXX)"
readonly WORK
trap 'rm -rf "$WORK"' EXIT

scripts=("$ROOT"/setup-orchestrator.sh "$ROOT"/runner-image/*.sh "$ROOT"/deploy/*.sh)
if out="$(cd "$ROOT" && shellcheck -x "${scripts[@]#"$ROOT"/}" 2>&1)"; then
    pass "shellcheck passes on ${#scripts[@]} scripts"
else
    failed "shellcheck" "$out"
fi

# A copy of the compose project with a sample .env (compose reads .env for env_file and substitution).
project="$WORK/project"
mkdir -p "$project"
cp -r "$ROOT/docker-compose.yml" "$ROOT/prometheus.yml" "$ROOT/grafana" "$project/"
printf '%s\n' GITHUB_TOKEN=ghp_sample GITHUB_ORG=acme MIN_RUNNERS=1 MAX_RUNNERS=4 PORT=8090 DOCKER_GID=998 >"$project/.env"
out="$(cd "$project" && docker-compose config 2>&1 >/dev/null; echo "rc=$?")"
check_contains "compose requires GRAFANA_ADMIN_PASSWORD" "$out" "set GRAFANA_ADMIN_PASSWORD in .env"
check_not_contains "compose refuses to start without GRAFANA_ADMIN_PASSWORD" "$out" "rc=0"
printf '%s\n' GRAFANA_ADMIN_PASSWORD=sample-password >>"$project/.env"
if (cd "$project" && docker-compose config >"$WORK/compose.yml" 2>"$WORK/compose.err"); then
    pass "docker-compose config accepts the compose file"
else
    failed "docker-compose config" "$(cat "$WORK/compose.err")"
fi
printf '%s\n' BIND_ADDRESS=0.0.0.0 >>"$project/.env"
(cd "$project" && docker-compose config >"$WORK/compose-public.yml" 2>/dev/null)

# Facts about the resolved compose file, as "key=value" lines.
python3 - "$WORK/compose.yml" >"$WORK/facts" <<'PY'
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
s = c["services"]
o = s["orchestrator"]
print("services=" + ",".join(sorted(s)))
def ports(service):
    # docker-compose 1.29 writes a port with a host address as a string, compose v2 as a mapping.
    return ",".join(p if isinstance(p, str) else f'{p.get("host_ip", "*")}:{p["published"]}:{p["target"]}'
                    for p in s[service]["ports"])
print("orchestrator.ports=" + ports("orchestrator"))
print("prometheus.ports=" + ports("prometheus"))
print("grafana.ports=" + ports("grafana"))
print("grafana.image=" + s["grafana"]["image"])
print("prometheus.image=" + s["prometheus"]["image"])
print("orchestrator.env.GITHUB_ORG=" + o["environment"].get("GITHUB_ORG", ""))
print("orchestrator.env.REDIS_URL=" + o["environment"].get("REDIS_URL", ""))
print("orchestrator.group_add=" + ",".join(map(str, o.get("group_add", []))))
print("orchestrator.socket=" + str(any(v.startswith("/var/run/docker.sock:/var/run/docker.sock") for v in o["volumes"])))
print("orchestrator.build.args=" + ",".join(sorted(o["build"]["args"])))
PY
facts="$(cat "$WORK/facts")"
check_contains "the stack has orchestrator, redis, prometheus, grafana" "$facts" "services=grafana,orchestrator,prometheus,redis"
check_contains "the orchestrator publishes PORT from .env on loopback" "$facts" "orchestrator.ports=127.0.0.1:8090:8090"
check_contains "prometheus listens on loopback" "$facts" "prometheus.ports=127.0.0.1:9090:9090"
check_contains "grafana listens on loopback" "$facts" "grafana.ports=127.0.0.1:3000:3000"
check_not_contains "grafana is not the old 11.1" "$facts" "grafana.image=grafana/grafana:11."
check_not_contains "prometheus is not the old v2" "$facts" "prometheus.image=prom/prometheus:v2."
public_ports="$(python3 -c 'import sys, yaml; c = yaml.safe_load(open(sys.argv[1])); print(c["services"]["orchestrator"]["ports"])' "$WORK/compose-public.yml")"
check_contains "BIND_ADDRESS=0.0.0.0 publishes on every interface" "$public_ports" "0.0.0.0"
check_contains "the orchestrator reads .env" "$facts" "orchestrator.env.GITHUB_ORG=acme"
check_contains "the orchestrator uses compose's redis" "$facts" "orchestrator.env.REDIS_URL=redis://redis:6379"
check_contains "the orchestrator gets the Docker socket's group" "$facts" "orchestrator.group_add=998"
check_contains "the orchestrator mounts the Docker socket" "$facts" "orchestrator.socket=True"
check_contains "the base images are build args" "$facts" "orchestrator.build.args=BUILD_IMAGE,RUNTIME_IMAGE"

python3 - "$ROOT" >"$WORK/monitoring" <<'PY'
import json, sys, yaml, pathlib
root = pathlib.Path(sys.argv[1])
prom = yaml.safe_load((root / "prometheus.yml").read_text())
job = next(j for j in prom["scrape_configs"] if j["job_name"] == "runner-orchestrator")
print("scrape=" + job["metrics_path"] + "@" + ",".join(job["static_configs"][0]["targets"]))
ds = yaml.safe_load((root / "grafana/provisioning/datasources/prometheus.yml").read_text())["datasources"][0]
print("datasource=" + ds["uid"] + "@" + ds["url"])
prov = yaml.safe_load((root / "grafana/provisioning/dashboards/runner-orchestrator.yml").read_text())
print("dashboards.path=" + prov["providers"][0]["options"]["path"])
dash = json.loads((root / "grafana/dashboards/runner-orchestrator.json").read_text())
uids = {t["datasource"]["uid"] for p in dash["panels"] for t in p["targets"]}
print("panel.datasources=" + ",".join(sorted(uids)))
exprs = " ".join(t["expr"] for p in dash["panels"] for t in p["targets"])
print("exprs=" + exprs)
PY
monitoring="$(cat "$WORK/monitoring")"
check_contains "prometheus scrapes /api/v1/metrics on the orchestrator" "$monitoring" "scrape=/api/v1/metrics@orchestrator:8080"
check_contains "grafana's datasource is compose's prometheus" "$monitoring" "datasource=prometheus@http://prometheus:9090"
check_contains "every panel uses the provisioned datasource" "$monitoring" "panel.datasources=prometheus"
check_contains "grafana loads dashboards from the mounted folder" "$monitoring" "dashboards.path=/etc/grafana/dashboards"
if out="$(promtool check config "$ROOT/prometheus.yml" 2>&1)"; then
    pass "promtool accepts prometheus.yml"
else
    failed "promtool check config" "$out"
fi
# Every dashboard query must be valid PromQL: promtool checks them as recording rules.
python3 - "$ROOT/grafana/dashboards/runner-orchestrator.json" >"$WORK/queries.rules.yml" <<'PY'
import json, sys, yaml
dash = json.load(open(sys.argv[1]))
rules = [{"record": f"dashboard:query_{i}", "expr": t["expr"]}
         for i, t in enumerate(t for p in dash["panels"] for t in p["targets"])]
print(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))
PY
if out="$(promtool check rules "$WORK/queries.rules.yml" 2>&1)"; then
    pass "every dashboard query is valid PromQL ($(grep -c 'record:' "$WORK/queries.rules.yml") queries)"
else
    failed "promtool check rules" "$out"
fi
check_contains "compose mounts the dashboards where grafana looks" "$(cat "$ROOT/docker-compose.yml")" \
    "./grafana/dashboards:/etc/grafana/dashboards:ro"
for metric in gha_idle_runners gha_busy_runners gha_registered_runners gha_desired_runners gha_assigned_jobs \
    gha_running_jobs orchestrator_queue_length orchestrator_oldest_queued_job_age_seconds \
    orchestrator_runner_start_failures_total orchestrator_reconcile_duration_seconds \
    orchestrator_github_rate_limit_remaining; do
    check_contains "the dashboard charts $metric" "$monitoring" "$metric"
done

# setup-orchestrator.sh in a scratch checkout: its early exits, without building or starting anything.
setup_dir="$WORK/setup"
mkdir -p "$setup_dir"
cp "$ROOT/setup-orchestrator.sh" "$setup_dir/"
out="$(cd "$setup_dir" && ./setup-orchestrator.sh --no-start 2>&1; echo "rc=$?")"
check_contains "setup without .env.example says so" "$out" "error: .env.example is missing"
check_contains "setup without .env.example fails" "$out" "rc=1"

printf '%s\n' 'GITHUB_TOKEN=' 'GITHUB_REPO=acme/app' >"$setup_dir/.env.example"
printf '%s\n' 'WEBHOOK_SECRET=' 'API_TOKEN=' >>"$setup_dir/.env.example"
out="$(cd "$setup_dir" && ./setup-orchestrator.sh --no-start 2>&1; echo "rc=$?")"
check_contains "setup creates .env from .env.example" "$out" "created .env from .env.example"
check_eq "the new .env is the example, secrets filled in" "$(sed -e 's/^\(WEBHOOK_SECRET\|API_TOKEN\)=.*/\1=/' \
    -e '/^GRAFANA_ADMIN_PASSWORD=/d' "$setup_dir/.env")" "$(cat "$setup_dir/.env.example")"
check_eq "the new .env is private" "600" "$(stat -c %a "$setup_dir/.env")"
for key in API_TOKEN WEBHOOK_SECRET GRAFANA_ADMIN_PASSWORD; do
    value="$(grep "^$key=" "$setup_dir/.env" | cut -d= -f2-)"
    if [[ "$value" =~ ^[0-9a-f]{64}$ ]]; then pass "setup generates $key"; else failed "setup generates $key" "got [$value]"; fi
    check_not_contains "setup never prints the generated $key" "$out" "$value"
done


out="$(cd "$setup_dir" && ./setup-orchestrator.sh --no-start 2>&1; echo "rc=$?")"
check_contains "setup with neither GITHUB_TOKEN nor GITHUB_APP_ID names them" "$out" "error: neither GITHUB_TOKEN nor GITHUB_APP_ID is set in .env"

printf '%s\n' 'GITHUB_TOKEN="ghp_sample"' 'GITHUB_REPO=acme/app' 'ORCHESTRATOR_RUNNER_IMAGE=apex-runner:local' \
    'API_TOKEN=mine' 'WEBHOOK_SECRET=' >"$setup_dir/.env"
out="$(cd "$setup_dir" && ./setup-orchestrator.sh --no-start --no-runner-image 2>&1; echo "rc=$?")"
check_contains "setup records the Docker socket's group" "$(cat "$setup_dir/.env")" \
    "DOCKER_GID=$(stat -c %g /var/run/docker.sock)"
check_contains "setup stops before starting when asked" "$out" "ready; start with:"
check_contains "setup passes with a complete .env" "$out" "rc=0"
check_not_contains "setup never prints the token" "$out" "ghp_sample"
check_eq "setup keeps an API_TOKEN already set" "API_TOKEN=mine" "$(grep '^API_TOKEN=' "$setup_dir/.env")"
check_eq "setup fills a blank WEBHOOK_SECRET in place" "1" "$(grep -c '^WEBHOOK_SECRET=[0-9a-f]\{64\}$' "$setup_dir/.env")"

out="$(cd "$setup_dir" && ./setup-orchestrator.sh --bogus 2>&1; echo "rc=$?")"
check_contains "setup names an unknown option" "$out" "unknown option '--bogus'"

finish
