#ifndef ISMS_ERROR_H
#define ISMS_ERROR_H

/*
 * The one error convention of the core: a function returns 0 on success
 * and a negative code on failure, after recording a message with
 * error_set(). The message lives here until the next error_set() or
 * error_clear(); main() prints it once. A caller that handles a failure
 * itself calls error_clear() so the message is not printed later for a
 * different failure.
 *
 * Only the codes a caller branches on have names; everything else is
 * ISMS_EFAIL.
 */
enum isms_error_code {
	ISMS_OK = 0,
	ISMS_EFAIL = -1,	/* generic failure, message recorded */
	ISMS_ENOTFOUND = -2,	/* a file, object or revision does not exist */
	ISMS_EUSAGE = -3,	/* the command line is wrong */
	ISMS_EEXISTS = -4,	/* a file the tool would write already exists */
};

/* Records a message (printf-style) and returns `code`. */
int error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Records a message built from `what` and libgit2's last error, for
 * example "cannot open repository '/x': could not find repository".
 * Returns ISMS_ENOTFOUND when libgit2 reported GIT_ENOTFOUND, else
 * ISMS_EFAIL.
 */
int error_from_git(int git_code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The recorded message, or NULL when there is none. Borrowed. */
const char *error_message(void);

/* An optional second line that tells the user what to do. Borrowed. */
const char *error_hint(void);
void error_set_hint(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

void error_clear(void);

#endif
