#ifndef GRIDPLAN_CLIBCRYPTO_SHIM_H
#define GRIDPLAN_CLIBCRYPTO_SHIM_H
/* The system's libcrypto (OpenSSL): gridplan uses one SHA-256 from it, through EVP. */
#include <openssl/evp.h>
#endif
