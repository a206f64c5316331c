#include "repo.h"
#include "repo_root.h"
#include "banned.h"

int
repo_root_open(struct repo_root *out)
{
	int rc;

	rc = repo_find_isms_root(&out->root, ".");
	if (rc < 0)
		return rc;
	return repo_open(&out->repo, &out->prefix, out->root.ptr);
}

void
repo_root_release(struct repo_root *root)
{
	git_repository_free(root->repo);
	root->repo = NULL;
	buf_release(&root->prefix);
	buf_release(&root->root);
}
