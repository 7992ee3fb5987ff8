#!/usr/bin/env bash
# Makes the certificate files of samples/windows/certificates and tests/data/certificates with
# openssl: a two-level Contoso CA and the certificates of each scenario (healthy, expired,
# expiring, wrong EKU, short key, missing SAN, chains, a .pfx). Dates are fixed so that reports
# with --as-of 2026-01-01 do not change; keys are new on every run, so rerun only to change a
# scenario and regenerate the golden tests afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
samples=$root/samples/windows/certificates
data=$root/tests/data/certificates
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# shellcheck source-path=SCRIPTDIR source=certificate-ca.sh
source "$root/scripts/certificate-ca.sh"

key root 2048
issue root "/DC=com/DC=contoso/CN=Contoso Root CA" self 20200101000000Z 20400101000000Z "${ca_ext[@]}"
key issuing 2048
issue issuing "/DC=com/DC=contoso/CN=Contoso Issuing CA 1" root 20210101000000Z 20310101000000Z \
  "${ca_ext[@]}" "authorityKeyIdentifier=keyid"

leaf() { # leaf NAME BITS SUBJECT START END EXTRA...
  local name=$1 bits=$2 subject=$3 start=$4 end=$5
  shift 5
  key "$name" "$bits"
  issue "$name" "$subject" issuing "$start" "$end" "${leaf_ext[@]}" "$@"
}
leaf scom01 2048 "/CN=scom01.contoso.com" "${valid[@]}" "extendedKeyUsage=serverAuth,clientAuth"
leaf gw01 1024 "/CN=GW01" "${valid[@]}" "extendedKeyUsage=serverAuth"
leaf web01 2048 "/CN=web01.contoso.com" "${valid[@]}" "extendedKeyUsage=serverAuth" \
  "subjectAltName=DNS:web01.contoso.com,DNS:web01"
leaf cm01 2048 "/CN=cm01.contoso.com" "${valid[@]}" "extendedKeyUsage=serverAuth"
leaf pc042 2048 "/CN=pc042.contoso.com" "${valid[@]}" "extendedKeyUsage=serverAuth" \
  "subjectAltName=DNS:pc042.contoso.com"
leaf pc043 2048 "/CN=pc043.contoso.com" "${valid[@]}" "extendedKeyUsage=clientAuth"
leaf expired 2048 "/CN=web02.contoso.com" 20231103091400Z 20251102091400Z \
  "extendedKeyUsage=serverAuth" "subjectAltName=DNS:web02.contoso.com"
leaf expiring 2048 "/CN=web03.contoso.com" 20240120153500Z 20260120153500Z \
  "extendedKeyUsage=serverAuth" "subjectAltName=DNS:web03.contoso.com"

rm -rf "$samples" "$data"
# Healthy: an OpsMgr agent, an IIS site system and its chain, all within their requirements.
place scom01.pem "$samples/healthy/SCOM01.contoso.com/OpsMgr/scom01.contoso.com.cer"
der web01 web01.cer
place web01.cer "$samples/healthy/WEB01/IIS/web01.contoso.com.cer"
openssl crl2pkcs7 -nocrl -certfile web01.pem -certfile issuing.pem -certfile root.pem -outform DER \
  -out chain.p7b
place chain.p7b "$samples/healthy/WEB01/IIS/web01-chain.p7b"
place pc043.pem "$samples/healthy/PC043/ConfigMgrClient/pc043.contoso.com.pem"
# Requirements broken before anything failed.
der gw01 gw01.cer
place gw01.cer "$samples/opsmgr-requirements/GW01/OpsMgr/gw01.cer"
place pc042.pem "$samples/configmgr-client-eku/PC042/ConfigMgrClient/pc042.contoso.com.pem"
der cm01 cm01.cer
place cm01.cer "$samples/site-system-no-san/CM01/IIS/cm01.contoso.com.cer"
# Expiry, judged against --as-of 2026-01-01.
der expired expired.cer
place expired.cer "$samples/cert-expired/WEB02/web02.contoso.com.cer"
place expiring.pem "$samples/cert-expiring/WEB03/web03.contoso.com.crt"
# Chains: the intermediate missing from a .p7b; a PEM file out of order.
openssl crl2pkcs7 -nocrl -certfile web01.pem -certfile root.pem -out partial.p7b
place partial.p7b "$samples/chain-missing-intermediate/WEB01/web01-chain.p7b"
cat web01.pem root.pem issuing.pem >fullchain.pem
place fullchain.pem "$samples/chain-out-of-order/WEB01/web01-fullchain.pem"
# A .pfx: listed, never opened.
openssl pkcs12 -export -inkey web01.key -in web01.pem -passout pass:sample -out web01.pfx
place web01.pfx "$samples/pfx/WEB01/web01.pfx"
# A serialized store (.sst) as certmgr and Export-Certificate -Type SST write it: the expired
# certificate beside its chain.
der issuing issuing.cer
der root root.cer
python3 "$root/scripts/make-serialized-store.py" store-expired.sst expired.cer issuing.cer root.cer
place store-expired.sst "$samples/store-expired/WEB02/LocalMachine-My.sst"

cat >"$samples/README.md" <<'README'
# Certificate files

Made by `scripts/make-certificate-samples.sh` with `openssl` (a two-level Contoso CA, fixed
dates, new keys on every run): run it to rewrite these files, then regenerate the golden tests.
Every certificate is synthetic. Each scenario folder names its machine (`WEB01`, `GW01`, …), so
host-name checks run; reports use `--as-of 2026-01-01`.

| Files | Scenario | Must raise |
|---|---|---|
| `healthy/` | an OpsMgr agent certificate (both EKUs, CN = FQDN, 2048 bits), an IIS certificate with its SAN and its complete `.p7b` chain, a ConfigMgr client certificate | nothing |
| `opsmgr-requirements/GW01/OpsMgr/gw01.cer` | a gateway certificate with Server Authentication only, CN=GW01 (no FQDN), a 1024-bit key | cert.requirement.opsmgr (three requirements) |
| `configmgr-client-eku/PC042/ConfigMgrClient/` | a client certificate with Server Authentication instead of Client Authentication | cert.requirement.configmgr-client |
| `site-system-no-san/CM01/IIS/` | a site system certificate without a subject alternative name | cert.requirement.site-system |
| `cert-expired/WEB02/` | DER certificate, NotAfter 2025-11-02 | cert.expired |
| `cert-expiring/WEB03/` | PEM `.crt`, NotAfter 2026-01-20 (19 days after --as-of) | cert.expiring |
| `chain-missing-intermediate/WEB01/` | PEM `.p7b` with the leaf and the root, not the issuing CA | cert.chain.incomplete |
| `chain-out-of-order/WEB01/` | PEM chain: leaf, root, issuing CA | cert.chain.out-of-order |
| `certutil-verbose/WEB04/certutil-store-v-my.txt` | `certutil -store -v my` (layout real, values synthetic): the expired site certificate (NotAfter 11/30/2025) beside its renewal | cert.expired (cert-text) |
| `opsmgr-listing/SCOM02/OpsMgr/certutil-store-v-my.txt` | `certutil -store -v my` kept with the OpsMgr files (layout real, values synthetic): the agent certificate has Server Authentication only; the issuing CA's certificate beside it | cert.requirement.opsmgr (from the listing's EKU) |
| `store-expired/WEB02/LocalMachine-My.sst` | a serialized certificate store (as `Export-Certificate -Type SST` writes it; made by `scripts/make-serialized-store.py` in the layout of [MS-OSHARED] 2.3.2.5: file header, each certificate's SHA-1 hash property and certificate element, end element): the expired DER certificate of `cert-expired/` with its issuing and root CA | cert.expired |
| `amt-provisioning/` (made by `make-amt-template-samples.sh`) | AMT provisioning certificates of out-of-band service points: `CM01/AMT/provisioning.cer` with Server Authentication only (neither the Intel AMT OID nor the Intel OU), `CM02/OutOfBand/provisioning.pem` with the OU `Intel(R) Client Setup Certificate`, NotAfter 2025-12-15, `CM03/AMT/provisioning.cer` with the OID 2.16.840.1.113741.1.2.3, valid; `CM04/AMT/certutil-store-v-my.txt` (`certutil -store -v my`, layout real, values synthetic) with Server Authentication only and the OU in the wrong case | amt.provisioning-cert: CM01 and CM04 warning, CM02 error (expired, and no cert.expired); nothing for CM03 |
| `templates/` (made by `make-amt-template-samples.sh`) | certificates issued from Windows templates: `WEB05` by template OID and version (Certificate Template Information), NotAfter 2026-01-25; `WEB06` by template name `WebServer` (Certificate Template Name), NotAfter 2025-12-01; `WEB07/certutil-store-v-my.txt` (layout real, values synthetic) showing the template in Certificate Template Information, NotAfter 1/20/2026 | cert.expiring (WEB05, WEB07) and cert.expired (WEB06), each naming its template |
| `pfx/WEB01/web01.pfx` | a PKCS #12 file (password `sample`): listed, not opened | nothing (`--why` notes it) |
README
# A certutil -store -v listing in its real layout (names and extensions below their headings);
# the values are synthetic and fixed, not those of the certificates above.
mkdir -p "$samples/certutil-verbose/WEB04"
printf '%s\r\n' \
  'My "Personal"' \
  '================ Certificate 0 ================' \
  'X509 Certificate:' \
  'Version: 3' \
  'Serial Number: 6100000051c2d4e6f8a0b2c4d6000000000051' \
  'Signature Algorithm:' \
  '    Algorithm ObjectId: 1.2.840.113549.1.1.11 sha256RSA' \
  '    Algorithm Parameters:' \
  '    05 00' \
  'Issuer:' \
  '    CN=Contoso Issuing CA 1' \
  '    DC=contoso' \
  '    DC=com' \
  '  Name Hash(sha1): 6a1f0c2b9d3e4f5a6b7c8d9e0f1a2b3c4d5e6f70' \
  '  Name Hash(md5): 0f1e2d3c4b5a69788796a5b4c3d2e1f0' \
  '' \
  ' NotBefore: 12/1/2023 8:00 AM' \
  ' NotAfter: 11/30/2025 8:00 AM' \
  '' \
  'Subject:' \
  '    CN=web04.contoso.com' \
  '  Name Hash(sha1): 1b2c3d4e5f60718293a4b5c6d7e8f90123456789' \
  '  Name Hash(md5): 8796a5b4c3d2e1f00f1e2d3c4b5a6978' \
  '' \
  'Certificate Extensions: 9' \
  '    2.5.29.37: Flags = 0, Length = c' \
  '    Enhanced Key Usage' \
  '        Server Authentication (1.3.6.1.5.5.7.3.1)' \
  '' \
  '    2.5.29.17: Flags = 0, Length = 2a' \
  '    Subject Alternative Name' \
  '        DNS Name=web04.contoso.com' \
  '' \
  'Cert Hash(sha1): 9c1e5a7d3b2f4e6a8c0d1f2e3a4b5c6d7e8f9a0b' \
  '' \
  '================ Certificate 1 ================' \
  'X509 Certificate:' \
  'Version: 3' \
  'Serial Number: 61000000f3a5c7e9b1d3f5a7c9000000000f3' \
  'Issuer:' \
  '    CN=Contoso Issuing CA 1' \
  '    DC=contoso' \
  '    DC=com' \
  '' \
  ' NotBefore: 11/20/2025 9:30 AM' \
  ' NotAfter: 11/20/2027 9:30 AM' \
  '' \
  'Subject:' \
  '    CN=web04.contoso.com' \
  '' \
  'Cert Hash(sha1): 2e4f6a8c0b1d3f5e7a9c1b3d5f7e9a0c2b4d6f8e' \
  'CertUtil: -store command completed successfully.' \
  >"$samples/certutil-verbose/WEB04/certutil-store-v-my.txt"

# The OpsMgr requirements read from a listing: certutil -store -v my kept in the OpsMgr folder of
# SCOM02, the agent certificate with Server Authentication only (Basic Constraints: end entity),
# and the issuing CA's certificate (Subject Type=CA, no EKU), which the requirements leave alone.
mkdir -p "$samples/opsmgr-listing/SCOM02/OpsMgr"
printf '%s\r\n' \
  'My "Personal"' \
  '================ Certificate 0 ================' \
  'X509 Certificate:' \
  'Version: 3' \
  'Serial Number: 6100000077a3c5e7f9b1d3e5a7000000000077' \
  'Issuer:' \
  '    CN=Contoso Issuing CA 1' \
  '    DC=contoso' \
  '    DC=com' \
  '' \
  ' NotBefore: 3/4/2025 10:00 AM' \
  ' NotAfter: 3/4/2027 10:00 AM' \
  '' \
  'Subject:' \
  '    CN=scom02.contoso.com' \
  '' \
  'Certificate Extensions: 8' \
  '    2.5.29.19: Flags = 1(Critical), Length = 2' \
  '    Basic Constraints' \
  '        Subject Type=End Entity' \
  '        Path Length Constraint=None' \
  '' \
  '    2.5.29.37: Flags = 0, Length = c' \
  '    Enhanced Key Usage' \
  '        Server Authentication (1.3.6.1.5.5.7.3.1)' \
  '' \
  'Cert Hash(sha1): 7a2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c6d' \
  '' \
  '================ Certificate 1 ================' \
  'X509 Certificate:' \
  'Version: 3' \
  'Serial Number: 1f3e5d7c9b0a2e4c6a8e0c2a4e6c8a00' \
  'Issuer:' \
  '    CN=Contoso Root CA' \
  '' \
  ' NotBefore: 1/1/2024 12:00 AM' \
  ' NotAfter: 1/1/2034 12:00 AM' \
  '' \
  'Subject:' \
  '    CN=Contoso Issuing CA 1' \
  '    DC=contoso' \
  '    DC=com' \
  '' \
  'Certificate Extensions: 6' \
  '    2.5.29.19: Flags = 1(Critical), Length = 5' \
  '    Basic Constraints' \
  '        Subject Type=CA' \
  '        Path Length Constraint=None' \
  '' \
  'Cert Hash(sha1): 3b5d7f9a1c3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c' \
  'CertUtil: -store command completed successfully.' \
  >"$samples/opsmgr-listing/SCOM02/OpsMgr/certutil-store-v-my.txt"

# Unit test inputs: each layout, and broken files.
mkdir -p "$data"
cp root.pem issuing.pem scom01.pem gw01.cer web01.cer chain.p7b partial.p7b fullchain.pem \
  web01.pfx expired.cer "$data/"
openssl crl2pkcs7 -nocrl -certfile web01.pem -certfile issuing.pem -certfile root.pem \
  -out "$data/chain-pem.p7b"
python3 "$root/scripts/make-serialized-store.py" "$data/store.sst" web01.cer issuing.cer root.cer
cp chain.p7b "$data/store-pkcs7.sst" # CERT_STORE_SAVE_AS_PKCS7 under an .sst name
head -c 1500 "$data/store.sst" >"$data/truncated.sst" # cut inside the second certificate
head -c 700 web01.pem >"$data/truncated.pem"
head -c 300 web01.cer >"$data/truncated.cer"
for name in root issuing scom01 gw01 web01 cm01 pc042 pc043 expired expiring; do
  openssl x509 -in "$name.pem" -noout -fingerprint -sha1 | sed "s/^/$name /"
done >"$data/thumbprints.txt"
# AMT provisioning certificates and certificates issued from Windows templates.
"$root/scripts/make-amt-template-samples.sh"
echo "made $(find "$samples" "$data" -type f | wc -l) files" >&2
