#!/usr/bin/env python3
"""Writes a serialized certificate store (.sst) from DER certificate files, in the layout
CertSaveStore(CERT_STORE_SAVE_AS_STORE) writes and [MS-OSHARED] 2.3.2.5 documents: the file
header (version 0, "CERT"), for each certificate its SHA-1 hash property (id 3) and its
certificate element (id 32, X509_ASN_ENCODING), then the end element (id 0, length 0).

    make-serialized-store.py OUT.sst CERT.der...
"""
import hashlib
import struct
import sys

X509_ASN_ENCODING = 1
SHA1_HASH_PROPERTY = 3
CERTIFICATE_ELEMENT = 32


def element(element_id, data):
    return struct.pack("<III", element_id, X509_ASN_ENCODING, len(data)) + data


def main():
    out, certificates = sys.argv[1], sys.argv[2:]
    store = b"\0\0\0\0CERT"
    for name in certificates:
        with open(name, "rb") as file:
            der = file.read()
        store += element(SHA1_HASH_PROPERTY, hashlib.sha1(der).digest())
        store += element(CERTIFICATE_ELEMENT, der)
    store += struct.pack("<III", 0, 0, 0)
    with open(out, "wb") as file:
        file.write(store)


if __name__ == "__main__":
    main()
