#ifndef ISMS_EDITOR_H
#define ISMS_EDITOR_H

/*
 * Runs a text editor on one file and waits for it, without a shell.
 */

/*
 * Starts `command` with `path` as its last argument and waits until it
 * exits. `command` is split at spaces and tabs into the program and its
 * arguments ("code --wait"), unless the whole of it names an existing
 * file, so a program path with spaces in it works too. Quotes, variables
 * and other shell syntax are not interpreted. The program is looked up in
 * PATH. While it runs, SIGINT and SIGQUIT are ignored here and left to
 * the editor, as git does.
 *
 * Returns 0 and stores in *exit_status the editor's exit status, or 128
 * plus the signal number when a signal ended it. Returns ISMS_EFAIL after
 * error_set() when `command` is empty or the program cannot be started.
 */
int editor_run(const char *command, const char *path, int *exit_status);

#endif
