// OpenSSL's libcrypto (Debian libssl-dev), for the SHA-256 of imported data files.
// Only Sources/Screening/Import/SHA256.swift uses it.
#include <openssl/evp.h>
