#ifndef ISMS_UTF8_H
#define ISMS_UTF8_H

#include "buf.h"

/*
 * Appends the NUL-terminated `s` to `out` with every byte that does not
 * start a valid UTF-8 sequence replaced by U+FFFD, the replacement
 * character. Overlong forms, UTF-16 surrogates and code points above
 * U+10FFFF are invalid, as RFC 3629 says. Output formats that must be
 * UTF-8 (JSON, SARIF) pass text from git and from files through this.
 */
void utf8_sanitize(struct buf *out, const char *s);

#endif
