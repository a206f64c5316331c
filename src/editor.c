#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "editor.h"
#include "error.h"
#include "strvec.h"
#include "xalloc.h"
#include "banned.h"

extern char **environ;

/* Splits `command` into words, or keeps it whole when it names a file. */
static void
split_command(struct strvec *argv, const char *command)
{
	struct stat st;
	const char *p = command;

	if (stat(command, &st) == 0 && S_ISREG(st.st_mode)) {
		strvec_push(argv, command);
		return;
	}
	while (*p) {
		size_t n;

		while (*p == ' ' || *p == '\t')
			p++;
		n = strcspn(p, " \t");
		if (n)
			strvec_push_owned(argv, xstrndup(p, n));
		p += n;
	}
}

static int
wait_for(pid_t pid, int *exit_status)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return error_set(ISMS_EFAIL, "cannot wait for the "
			    "editor: %s", strerror(errno));
	}
	if (WIFEXITED(status))
		*exit_status = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		*exit_status = 128 + WTERMSIG(status);
	else
		*exit_status = 1;
	return 0;
}

int
editor_run(const char *command, const char *path, int *exit_status)
{
	struct strvec argv = STRVEC_INIT;
	posix_spawnattr_t attr;
	struct sigaction ignore, old_int, old_quit;
	sigset_t defaults;
	int have_attr = 0, signals_saved = 0;
	pid_t pid;
	int rc = 0;

	split_command(&argv, command);
	if (!argv.count) {
		rc = error_set(ISMS_EFAIL, "the editor command is empty");
		goto done;
	}
	strvec_push(&argv, path);
	/* posix_spawnp() wants a NULL-terminated array. */
	strvec_push_owned(&argv, NULL);
	argv.count--;

	rc = posix_spawnattr_init(&attr);
	if (rc != 0) {
		rc = error_set(ISMS_EFAIL, "cannot start editor '%s': %s",
		    argv.items[0], strerror(rc));
		goto done;
	}
	have_attr = 1;
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGQUIT);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);

	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	signals_saved = 1;

	rc = posix_spawnp(&pid, argv.items[0], NULL, &attr, argv.items,
	    environ);
	if (rc != 0) {
		rc = error_set(ISMS_EFAIL, "cannot start editor '%s': %s",
		    argv.items[0], strerror(rc));
		goto done;
	}
	rc = wait_for(pid, exit_status);

done:
	if (signals_saved) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
	}
	if (have_attr)
		posix_spawnattr_destroy(&attr);
	strvec_clear(&argv);
	return rc;
}
