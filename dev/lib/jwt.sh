#!/usr/bin/env bash
# Sourced by dev/run, dev/token and dev/check-token: the local run's token issuer. One RSA-2048 key pair,
# made once under dev/.run/jwt/ (kept across runs, so printed tokens stay valid after a restart), and
# RS256 JWTs signed with openssl alone: nothing to install beyond what every Debian machine has.

JWT_DIR="${HEAVYWEIGHT_JWT_DIR:-$RUN_DIR/jwt}"
JWT_ISSUER="https://auth.heavyweight.local"

ensure_jwt_keys() {
    command -v openssl >/dev/null || die "openssl is needed to sign tokens (apt-get install openssl)"
    if [ -f "$JWT_DIR/private.pem" ] && [ -f "$JWT_DIR/public.pem" ]; then return; fi
    log "creating the local token key pair in $JWT_DIR"
    mkdir -p "$JWT_DIR"
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$JWT_DIR/private.pem" 2>/dev/null) \
        || die "could not create $JWT_DIR/private.pem"
    openssl pkey -in "$JWT_DIR/private.pem" -pubout -out "$JWT_DIR/public.pem" 2>/dev/null \
        || die "could not write $JWT_DIR/public.pem"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

b64url_decode() {
    local s
    s=$(tr -- '-_' '+/' <<<"$1")
    case $(( ${#s} % 4 )) in 2) s="$s==" ;; 3) s="$s=" ;; esac
    openssl base64 -d -A <<<"$s"
}

# Names the key in the token header, so a verifier holding several keys can pick this one.
jwt_key_id() {
    openssl pkey -pubin -in "$JWT_DIR/public.pem" -outform DER 2>/dev/null | openssl dgst -sha256 -r | cut -c1-16
}

# mint_token TENANT USER TTL_SECONDS GROUP... -> prints the compact JWS
mint_token() {
    local tenant=$1 user=$2 ttl=$3; shift 3
    local now groups="" group header claims input signature
    now=$(date +%s)
    for group in "$@"; do groups="$groups${groups:+,}\"$group\""; done
    header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$(jwt_key_id)")
    claims=$(printf '{"iss":"%s","sub":"%s","tenant":"%s","groups":[%s],"iat":%d,"exp":%d}' \
        "$JWT_ISSUER" "$user" "$tenant" "$groups" "$now" $((now + ttl)))
    input="$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)"
    signature=$(printf '%s' "$input" | openssl dgst -sha256 -sign "$JWT_DIR/private.pem" -binary | b64url) \
        || die "signing failed"
    printf '%s.%s\n' "$input" "$signature"
}
