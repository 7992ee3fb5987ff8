# shellcheck shell=bash
# Sourced by the certificate sample scripts, in their work folder: an `openssl ca` database and
# configuration there, and the helpers that make keys and certificates with fixed dates.
mkdir db
touch db/index.txt
echo 1000 >db/serial
cat >ca.cnf <<'CONF'
[ca]
default_ca = contoso
[contoso]
database = db/index.txt
serial = db/serial
new_certs_dir = db
default_md = sha256
policy = anything
unique_subject = no
email_in_dn = no
[anything]
commonName = optional
CONF

# key NAME BITS
key() { openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$1.key"; }

# issue NAME SUBJECT SIGNER START END EXTENSIONS...: signs NAME.key's request with SIGNER's key
# ("self" for a self-signed root) for [START, END], with the given extension lines.
issue() {
  local name=$1 subject=$2 signer=$3 start=$4 end=$5
  shift 5
  printf '%s\n' "[ext]" "$@" >"$name.ext"
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
  local signing=(-cert "$signer.pem" -keyfile "$signer.key")
  [[ $signer == self ]] && signing=(-selfsign -keyfile "$name.key")
  openssl ca -batch -notext -preserveDN -config ca.cnf "${signing[@]}" -in "$name.csr" \
    -out "$name.pem" -startdate "$start" -enddate "$end" -extfile "$name.ext" -extensions ext 2>/dev/null
}

# shellcheck disable=SC2034 # used by the scripts that source this one
ca_ext=("basicConstraints=critical,CA:true" "keyUsage=critical,keyCertSign,cRLSign"
  "subjectKeyIdentifier=hash")
# shellcheck disable=SC2034
leaf_ext=("basicConstraints=CA:false" "keyUsage=critical,digitalSignature,keyEncipherment"
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid")
# shellcheck disable=SC2034
valid=(20250601000000Z 20270601000000Z)

der() { openssl x509 -in "$1.pem" -outform DER -out "$2"; }
place() { mkdir -p "$(dirname "$2")" && cp "$1" "$2"; }
