#!/usr/bin/env bash
# Makes the AMT provisioning and certificate-template scenarios of samples/windows/certificates
# with openssl: its own two-level Contoso enterprise CA, fixed dates (reports use --as-of
# 2026-01-01), new keys on every run. make-certificate-samples.sh runs it after its own
# scenarios; rerun either only to change a scenario, then regenerate the golden tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
samples=$root/samples/windows/certificates
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# shellcheck source-path=SCRIPTDIR source=certificate-ca.sh
source "$root/scripts/certificate-ca.sh"

key root 2048
issue root "/DC=com/DC=contoso/CN=Contoso Enterprise Root CA" self 20200101000000Z 20400101000000Z \
  "${ca_ext[@]}"
key issuing 2048
issue issuing "/DC=com/DC=contoso/CN=Contoso Enterprise CA 2" root 20210101000000Z 20310101000000Z \
  "${ca_ext[@]}" "authorityKeyIdentifier=keyid"

# The Windows template extensions, as an enterprise CA writes them: Certificate Template
# Information (1.3.6.1.4.1.311.21.7: the template's OID, major and minor version; [MS-WCCE]
# 2.2.2.7.7.2) for version 2 and later templates, Certificate Template Name (1.3.6.1.4.1.311.20.2,
# a BMPString) for version 1 templates. Extension lines, the section last.
template_info() { # template_info OID MAJOR MINOR
  printf '%s\n' "1.3.6.1.4.1.311.21.7=ASN1:SEQUENCE:template_info" "[template_info]" \
    "id=OID:$1" "major=INTEGER:$2" "minor=INTEGER:$3"
}
template_name() { echo "1.3.6.1.4.1.311.20.2=ASN1:BMPSTRING:$1"; }
leaf() { # leaf NAME SUBJECT START END EXTRA...
  local name=$1 subject=$2 start=$3 end=$4
  shift 4
  key "$name" 2048
  issue "$name" "$subject" issuing "$start" "$end" "${leaf_ext[@]}" "$@"
}
amt_template=1.3.6.1.4.1.311.21.8.7638725.13898300.1985460.3383425.7519116.119.16408497.1716294
web_template=1.3.6.1.4.1.311.21.8.7638725.13898300.1985460.3383425.7519116.119.16408497.1716293
mapfile -t amt_info < <(template_info "$amt_template" 100 2)
mapfile -t web_info < <(template_info "$web_template" 100 4)

# AMT provisioning certificates of out-of-band service points: CM01's has Server Authentication
# only (neither the Intel AMT OID nor the Intel OU), CM02's has the OU but expired on 2025-12-15,
# CM03's has the OID and is valid.
leaf amt-no-oid "/CN=cm01.contoso.com" "${valid[@]}" "extendedKeyUsage=serverAuth" "${amt_info[@]}"
der amt-no-oid amt-no-oid.cer
place amt-no-oid.cer "$samples/amt-provisioning/CM01/AMT/provisioning.cer"
leaf amt-expired "/OU=Intel(R) Client Setup Certificate/CN=cm02.contoso.com" 20231215000000Z \
  20251215000000Z "extendedKeyUsage=serverAuth"
place amt-expired.pem "$samples/amt-provisioning/CM02/OutOfBand/provisioning.pem"
leaf amt-healthy "/CN=cm03.contoso.com" "${valid[@]}" \
  "extendedKeyUsage=serverAuth,2.16.840.1.113741.1.2.3" "${amt_info[@]}"
der amt-healthy amt-healthy.cer
place amt-healthy.cer "$samples/amt-provisioning/CM03/AMT/provisioning.cer"

# certutil -store -v my of CM04's out of band service point in its real layout (values synthetic
# and fixed): a provisioning certificate with Server Authentication only and the OU misspelt in
# case (the OU is case-sensitive), valid until 2027.
mkdir -p "$samples/amt-provisioning/CM04/AMT"
printf '%s\r\n' \
  'My "Personal"' \
  '================ Certificate 0 ================' \
  'X509 Certificate:' \
  'Version: 3' \
  'Serial Number: 61000000c3e5a7c9e1b3d5f7a9000000000c3' \
  'Issuer:' \
  '    CN=Contoso Enterprise CA 2' \
  '    DC=contoso' \
  '    DC=com' \
  '' \
  ' NotBefore: 2/3/2025 9:00 AM' \
  ' NotAfter: 2/3/2027 9:00 AM' \
  '' \
  'Subject:' \
  '    CN=cm04.contoso.com' \
  '    OU=Intel(r) client setup certificate' \
  '' \
  'Certificate Extensions: 9' \
  '    2.5.29.19: Flags = 1(Critical), Length = 2' \
  '    Basic Constraints' \
  '        Subject Type=End Entity' \
  '        Path Length Constraint=None' \
  '' \
  '    2.5.29.37: Flags = 0, Length = c' \
  '    Enhanced Key Usage' \
  '        Server Authentication (1.3.6.1.5.5.7.3.1)' \
  '' \
  'Cert Hash(sha1): 8b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d' \
  'CertUtil: -store command completed successfully.' \
  >"$samples/amt-provisioning/CM04/AMT/certutil-store-v-my.txt"

# Certificates issued from templates: WEB05's (version 2 template, by OID) expires on 2026-01-25,
# WEB06's (version 1 template WebServer, by name) expired on 2025-12-01.
leaf web05 "/CN=web05.contoso.com" 20240125000000Z 20260125000000Z "extendedKeyUsage=serverAuth" \
  "subjectAltName=DNS:web05.contoso.com" "${web_info[@]}"
der web05 web05.cer
place web05.cer "$samples/templates/WEB05/web05.contoso.com.cer"
leaf web06 "/CN=web06.contoso.com" 20231201000000Z 20251201000000Z "extendedKeyUsage=serverAuth" \
  "subjectAltName=DNS:web06.contoso.com" "$(template_name WebServer)"
der web06 web06.cer
place web06.cer "$samples/templates/WEB06/web06.contoso.com.cer"

# certutil -store -v my of WEB07 in its real layout (values synthetic and fixed): the template
# shown by name in Certificate Template Information, the certificate expiring on 1/20/2026.
mkdir -p "$samples/templates/WEB07"
printf '%s\r\n' \
  'My "Personal"' \
  '================ Certificate 0 ================' \
  'X509 Certificate:' \
  'Version: 3' \
  'Serial Number: 61000000a4c6e8f0b2d4f6a8c0000000000a4' \
  'Issuer:' \
  '    CN=Contoso Enterprise CA 2' \
  '    DC=contoso' \
  '    DC=com' \
  '' \
  ' NotBefore: 1/20/2024 10:00 AM' \
  ' NotAfter: 1/20/2026 10:00 AM' \
  '' \
  'Subject:' \
  '    CN=web07.contoso.com' \
  '' \
  'Certificate Extensions: 10' \
  '    1.3.6.1.4.1.311.21.7: Flags = 0, Length = 2f' \
  '    Certificate Template Information' \
  "        Template=Contoso Web Server($web_template)" \
  '        Major Version Number=100' \
  '        Minor Version Number=4' \
  '' \
  '    2.5.29.37: Flags = 0, Length = c' \
  '    Enhanced Key Usage' \
  '        Server Authentication (1.3.6.1.5.5.7.3.1)' \
  '' \
  'Cert Hash(sha1): 4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f' \
  'CertUtil: -store command completed successfully.' \
  >"$samples/templates/WEB07/certutil-store-v-my.txt"
