#!/usr/bin/env bash
# Sourced by dev/run and dev/test: installs and starts what the suite needs on a Debian machine
# (JDK 17, Maven, PostgreSQL, RabbitMQ, curl, openssl), creates databases and virtual hosts, builds the jars.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$ROOT/dev/.run"
LOG_DIR="$ROOT/dev/logs"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure_packages() {
    local missing=()
    command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
    command -v mvn >/dev/null || missing+=(maven)
    command -v curl >/dev/null || missing+=(curl)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
    command -v zip >/dev/null || missing+=(zip)          # dev/images trims jars to linux-x64 natives
    command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
    command -v rabbitmq-server >/dev/null || [ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
    # promtool checks the alert rules (k8s/monitoring/check); the package also brings a Prometheus server, unused.
    command -v promtool >/dev/null || missing+=(prometheus)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

ensure_postgres() {
    if ! port_open 5432; then
        log "starting PostgreSQL"
        local version
        version=$(ls /etc/postgresql | sort -V | tail -n 1)
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
        for _ in $(seq 60); do port_open 5432 && break; sleep 1; done
        port_open 5432 || die "PostgreSQL did not start (see /var/log/postgresql)"
    fi
    if ! PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
        # A fresh install only lets the postgres OS user in over the socket: give TCP logins a password.
        log "setting a password for TCP logins of the postgres role"
        as_postgres psql -qc "ALTER USER postgres PASSWORD 'postgres'"
    fi
    local db
    for db in "$@"; do
        if [ -z "$(PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -d postgres -Atqc \
            "select 1 from pg_database where datname = '$db'")" ]; then
            log "creating database $db"
            PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db"
        fi
    done
}

ensure_rabbitmq() {
    if ! port_open 5672; then
        log "starting RabbitMQ"
        as_root rabbitmq-server -detached
        as_root rabbitmqctl -q await_startup --timeout 120 >/dev/null
    fi
    local vhost existing
    existing=$(as_root rabbitmqctl -q list_vhosts name)
    for vhost in "$@"; do
        if ! grep -qx -- "$vhost" <<<"$existing"; then
            log "creating RabbitMQ virtual host $vhost"
            as_root rabbitmqctl -q add_vhost "$vhost"
            as_root rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*'
        fi
    done
}

# Builds when a service jar is missing or any source or pom is newer than the oldest jar.
ensure_built() {
    local oldest="" module jar
    for module in triton-emulator balancer moderation-service task-service inference-worker gateway-service; do
        jar="$ROOT/$module/target/quarkus-app/quarkus-run.jar"
        if [ ! -f "$jar" ]; then oldest=""; break; fi
        if [ -z "$oldest" ] || [ "$jar" -ot "$oldest" ]; then oldest="$jar"; fi
    done
    if [ -n "$oldest" ] && [ -z "$(find "$ROOT" -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' \) \
        -type f -newer "$oldest" -print -quit)" ]; then
        return
    fi
    log "building (mvn install -DskipTests)"
    (cd "$ROOT" && mvn -B -q install -DskipTests) || die "build failed"
}

s3proxy_jar() {
    local version
    version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$ROOT/pom.xml")
    local jar="$HOME/.m2/repository/org/gaul/s3proxy/$version/s3proxy-$version-jar-with-dependencies.jar"
    [ -f "$jar" ] || (cd "$ROOT" && mvn -B -q dependency:get -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies") >&2
    echo "$jar"
}

# The official openai SDK the end-to-end tests drive the OpenAI-compatible endpoint with (npm registry;
# versions pinned by e2e-tests/openai-client/package-lock.json).
# Debian's Chromium and playwright-core for the browser tests (e2e-tests/browser, BrowserIT): dev/test only, so
# dev/run does not pull in a browser. playwright-core drives /usr/bin/chromium and downloads nothing.
ensure_browser_tests() {
    local dir="$ROOT/e2e-tests/browser"
    if [ ! -x /usr/bin/chromium ]; then
        log "installing chromium for the browser tests"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
    if [ ! -d "$dir/node_modules/playwright-core" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
        log "installing playwright-core for the browser tests"
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
    fi
}

ensure_openai_client() {
    local dir="$ROOT/e2e-tests/openai-client"
    if [ ! -d "$dir/node_modules/openai" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
        log "installing the openai SDK for the end-to-end tests"
        npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
    fi
}
