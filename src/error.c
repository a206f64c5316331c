#include <stdarg.h>
#include <stdlib.h>

#include <git2.h>

#include "buf.h"
#include "error.h"
#include "banned.h"

static struct buf message = BUF_INIT;
static struct buf hint = BUF_INIT;
static int have_message;

int
error_set(int code, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&message);
	buf_reset(&hint);
	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);
	have_message = 1;
	return code;
}

int
error_from_git(int git_code, const char *fmt, ...)
{
	const git_error *last = git_error_last();
	va_list ap;

	buf_reset(&message);
	buf_reset(&hint);
	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);
	if (last && last->message && *last->message)
		buf_printf(&message, ": %s", last->message);
	have_message = 1;
	return git_code == GIT_ENOTFOUND ? ISMS_ENOTFOUND : ISMS_EFAIL;
}

const char *
error_message(void)
{
	return have_message ? message.ptr : NULL;
}

const char *
error_hint(void)
{
	return hint.len ? hint.ptr : NULL;
}

void
error_set_hint(const char *fmt, ...)
{
	va_list ap;

	buf_reset(&hint);
	va_start(ap, fmt);
	buf_vprintf(&hint, fmt, ap);
	va_end(ap);
}

void
error_clear(void)
{
	buf_release(&message);
	buf_release(&hint);
	have_message = 0;
}
