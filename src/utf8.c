#include <stddef.h>

#include "buf.h"
#include "utf8.h"
#include "banned.h"

/*
 * Length of the valid UTF-8 sequence at `s`, or 0 when the byte there
 * does not start one. The ranges of the second byte follow the table of
 * well-formed sequences in RFC 3629, section 4.
 */
static size_t
sequence_length(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;

	if (s[0] == 0xe0)
		lo = 0xa0;		/* no overlong three-byte forms */
	else if (s[0] == 0xed)
		hi = 0x9f;		/* no surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;		/* no overlong four-byte forms */
	else if (s[0] == 0xf4)
		hi = 0x8f;		/* nothing above U+10FFFF */

	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

void
utf8_sanitize(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t len = sequence_length(p);

		if (len) {
			buf_add(out, p, len);
			p += len;
		} else {
			buf_puts(out, "\xef\xbf\xbd");
			p++;
		}
	}
}
