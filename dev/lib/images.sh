#!/usr/bin/env bash
# Sourced by dev/images: builds the offline base image (jlink-ed Java 17 on a minimal root filesystem, docker-save
# tarball) and the service images (jib-core 0.28.1, driven by dev/lib/JibImages.java), and smoke-tests them.
# No container registry and no Docker engine is used.

IMG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IMG_DIR="${HEAVYWEIGHT_IMAGES_DIR:-$IMG_ROOT/dev/.run/images}"
BASE_TAR="$IMG_DIR/base/heavyweight-base.tar"
IMG_SERVICES=(gateway-service task-service moderation-service inference-worker balancer triton-emulator)
JIB_CORE_VERSION=0.28.1

# Modules the services need (jdeps --print-module-deps over every lib/main jar, plus what is loaded
# reflectively: jdk.crypto.ec for TLS, jdk.zipfs, jdk.management for Micrometer/JFR-free metrics,
# java.desktop for ImageIO in moderation-service and inference-worker, jdk.naming.dns for DNS discovery).
JLINK_MODULES="java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.localedata"

img_log() { printf '==> %s\n' "$*" >&2; }
img_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Copies a file (dereferenced) into the root filesystem at the same path.
_rootfs_copy() {
    local rootfs=$1 f=$2
    mkdir -p "$rootfs$(dirname "$f")"
    cp -L --preserve=mode "$f" "$rootfs$f"
}

build_base() {
    if [ -f "$BASE_TAR" ] && [ "${1:-}" != "--force" ]; then
        img_log "base image cached: $BASE_TAR"
        return 0
    fi
    command -v jlink >/dev/null || img_die "jlink missing (apt-get install openjdk-17-jdk-headless)"
    local work="$IMG_DIR/base/work"
    rm -rf "$work"; mkdir -p "$work"
    local rootfs="$work/rootfs"
    mkdir -p "$rootfs"/{etc,tmp,opt,usr/lib,usr/share,deployments,home/heavyweight,lib64,var/tmp}
    chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"

    img_log "jlink: $JLINK_MODULES"
    jlink --add-modules "$JLINK_MODULES" --strip-debug --no-man-pages --no-header-files --compress=2 \
          --output "$rootfs/opt/java" >/dev/null
    # Java's trust store: Debian's cacerts (same CA set as /etc/ssl/certs/ca-certificates.crt).
    rm -f "$rootfs/opt/java/lib/security/cacerts"
    cp -L /etc/ssl/certs/java/cacerts "$rootfs/opt/java/lib/security/cacerts"

    # Shared libraries: what the runtime's own libraries need, plus libstdc++/libgcc_s for ONNX Runtime
    # and the HuggingFace tokenizer natives (both extract their .so to /tmp and dlopen it), plus the NSS
    # modules glibc loads at run time (user and host lookups).
    local libs
    libs=$( { find "$rootfs/opt/java" -name '*.so' -exec ldd {} \; 2>/dev/null; ldd "$rootfs/opt/java/bin/java";
              ldd "$(readlink -f /usr/lib/x86_64-linux-gnu/libstdc++.so.6)"; } \
            | awk '/=>/ && $3 ~ /^\// {print $3} /^\s*\/lib/ {print $1}' | sort -u)
    for lib in $libs /lib64/ld-linux-x86-64.so.2 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 \
               /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libnss_files.so.2 \
               /usr/lib/x86_64-linux-gnu/libnss_dns.so.2 /usr/lib/x86_64-linux-gnu/libresolv.so.2; do
        [ -e "$lib" ] || continue
        case $lib in /opt/java/*|"$rootfs"*) continue ;; esac
        # Debian's merged /usr: /lib -> usr/lib; keep libraries under /usr/lib and link /lib
        local target=$lib
        case $lib in /lib/*) target=/usr$lib ;; esac
        mkdir -p "$rootfs$(dirname "$target")"
        cp -L --preserve=mode "$lib" "$rootfs$target"
    done
    # /lib64/ld-linux-x86-64.so.2 is the interpreter path baked into every binary
    ln -s usr/lib "$rootfs/lib"
    [ -e "$rootfs/lib64/ld-linux-x86-64.so.2" ] || cp -L /lib64/ld-linux-x86-64.so.2 "$rootfs/lib64/"

    # Users, name service, certificates, time zones
    cat > "$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
heavyweight:x:1001:1001:heavyweight:/home/heavyweight:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
    cat > "$rootfs/etc/group" <<'EOF'
root:x:0:
heavyweight:x:1001:
nogroup:x:65534:
EOF
    printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nservices: files\n' \
        > "$rootfs/etc/nsswitch.conf"
    printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' > "$rootfs/etc/hosts"
    mkdir -p "$rootfs/etc/ssl/certs/java"
    cp -L /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
    ln -s /opt/java/lib/security/cacerts "$rootfs/etc/ssl/certs/java/cacerts"
    cp -a /usr/share/zoneinfo "$rootfs/usr/share/zoneinfo"
    ln -s /usr/share/zoneinfo/Etc/UTC "$rootfs/etc/localtime"
    echo 'Etc/UTC' > "$rootfs/etc/timezone"
    chown 1001:1001 "$rootfs/home/heavyweight" "$rootfs/deployments"
    mkdir -p "$rootfs/usr/bin"; ln -s /opt/java/bin/java "$rootfs/usr/bin/java"

    # docker-save tarball: one layer
    img_log "packing base layer"
    local out="$work/image"; mkdir -p "$out"
    tar --numeric-owner --sort=name --mtime='2000-01-01 00:00Z' -C "$rootfs" -cf "$out/layer.tar" .
    local diff_id; diff_id=$(sha256sum "$out/layer.tar" | cut -d' ' -f1)
    cat > "$out/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"2000-01-01T00:00:00Z",
 "config":{"User":"1001","WorkingDir":"/deployments",
   "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8","TZ=Etc/UTC","HOME=/home/heavyweight"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"2000-01-01T00:00:00Z","created_by":"dev/images: jlink Java 17 + minimal rootfs"}]}
EOF
    local cfg_id; cfg_id=$(sha256sum "$out/config.json" | cut -d' ' -f1)
    mv "$out/config.json" "$out/$cfg_id.json"
    printf '[{"Config":"%s.json","RepoTags":["heavyweight/base:17"],"Layers":["layer.tar"]}]\n' "$cfg_id" \
        > "$out/manifest.json"
    mkdir -p "$(dirname "$BASE_TAR")"
    tar -C "$out" -cf "$BASE_TAR.tmp" manifest.json "$cfg_id.json" layer.tar
    mv "$BASE_TAR.tmp" "$BASE_TAR"
    rm -rf "$work"
    img_log "base image: $BASE_TAR"
}

# Classpath of jib-core (resolved once from Maven Central into ~/.m2, then offline).
jib_classpath() {
    local tool="$IMG_DIR/tool"
    if [ ! -s "$tool/cp.txt" ]; then
        mkdir -p "$tool"
        cat > "$tool/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>jib-tool</artifactId><version>1</version>
<dependencies><dependency><groupId>com.google.cloud.tools</groupId><artifactId>jib-core</artifactId>
<version>$JIB_CORE_VERSION</version></dependency></dependencies></project>
POM
        (cd "$tool" && { mvn -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null 2>&1 ||
                         mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null; }) ||
            img_die "could not resolve jib-core $JIB_CORE_VERSION"
    fi
    cat "$tool/cp.txt"
}

service_port() {
    case $1 in gateway-service) echo 8080 ;; task-service) echo 8081 ;; moderation-service) echo 8082 ;;
               inference-worker) echo 8083 ;; balancer) echo 8084 ;; triton-emulator) echo 8085 ;; esac
}

build_service_image() {
    local svc=$1 cp=$2
    local app="$IMG_ROOT/$svc/target/quarkus-app"
    [ -f "$app/quarkus-run.jar" ] || (cd "$IMG_ROOT" && mvn -q -o package -DskipTests -pl "$svc" -am) ||
        img_die "$svc: no $app/quarkus-run.jar"
    java -cp "$cp" "$IMG_ROOT/dev/lib/JibImages.java" "$BASE_TAR" "$app" "heavyweight/$svc:dev" \
         "$IMG_DIR/out/$svc.tar" "$IMG_DIR/cache" "$(service_port "$svc")" >/dev/null ||
        img_die "$svc: image build failed"
}

# Prints image | total | above base | code layer (compressed layer sizes, as a registry stores and a node pulls them).
size_table() {
    python3 - "$BASE_TAR" "$IMG_DIR/out" "$@" <<'PY'
import json, sys, tarfile, gzip, os
base_tar, out, services = sys.argv[1], sys.argv[2], sys.argv[3:]
with tarfile.open(base_tar) as t:
    base_layers = len(json.load(t.extractfile("manifest.json"))[0]["Layers"])
mb = lambda n: f"{n / 1e6:.1f} MB"
rows = []
for s in services:
    with tarfile.open(os.path.join(out, s + ".tar")) as t:
        layers = json.load(t.extractfile("manifest.json"))[0]["Layers"]
        sizes = [t.getmember(l).size for l in layers]
    base, above = sum(sizes[:base_layers]), sizes[base_layers:]
    # layers above base: dependencies, quarkus, application
    rows.append((f"heavyweight/{s}:dev", mb(sum(sizes)), mb(sum(above)), mb(above[0]), mb(above[1]), mb(above[2]),
                 "ok" if sum(above) <= 70e6 and above[2] <= 2e6 else "OVER"))
print(f"base heavyweight/base:17: {mb(base)} compressed (target <= 150 MB)")
head = ("image", "total", "above base", "dependencies", "quarkus/", "code layer", "targets")
w = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
for r in [head] + rows:
    print(" | ".join(str(c).ljust(w[i]) for i, c in enumerate(r)))
PY
}
