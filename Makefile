# isms — build, test and install.
#
#   make              build ./isms (gcc, -O2, warnings as errors)
#   make demo         build, then run the example ISMS through its history
#   make check        install missing build dependencies, then build and run
#                     every test twice: with gcc, and with clang under
#                     AddressSanitizer and UndefinedBehaviorSanitizer
#   make bench        timing ratios against a floor measured in the same run
#   make install      PREFIX=/usr/local DESTDIR= MANDIR=$(PREFIX)/share/man
#                     TEMPLATEDIR=$(PREFIX)/share/isms/templates (reference
#                     copies; the binary has the templates built in)
#
# Knobs: CC=clang, SANITIZE=address,undefined, DEVELOPER=0 (drop -Werror for
# packagers on other compilers), V=1 (print full commands).

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
TEMPLATEDIR ?= $(PREFIX)/share/isms/templates
DESTDIR ?=
CC ?= cc
DEVELOPER ?= 1
SANITIZE ?=
V ?=

VERSION := 0.1.0
PKGS := libgit2 yaml-0.1 libcmark-gfm jansson
TEST_PKGS := cmocka

# Debian packages that provide the pkg-config modules above, in order.
DEB_PACKAGES := gcc pkg-config libgit2-dev libyaml-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev libjansson-dev libcmocka-dev git clang \
	pre-commit

ifeq ($(V),)
Q := @
say = @printf '  %-7s %s\n' $(1) $(2);
else
Q :=
say =
endif

variant := $(if $(SANITIZE),san,$(notdir $(CC)))
B := build/$(variant)

WARNINGS := -Wall -Wextra -Wmissing-prototypes -Wshadow -Wformat=2 \
	-Wno-format-nonliteral
ifeq ($(DEVELOPER),1)
WARNINGS += -Werror
endif

SAN_FLAGS := $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	-fno-sanitize-recover=all,)

CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DISMS_VERSION='"$(VERSION)"' $(WARNINGS) $(SAN_FLAGS) $(CFLAGS) \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

CORE_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
CORE_OBJ := $(CORE_SRC:%.c=$(B)/%.o)
# The templates that isms init and isms new write from are compiled into
# the library as C strings, so the binary needs no data files at run time.
TEMPLATES := $(sort $(wildcard templates/*.md templates/*.yaml \
	templates/*/*.md templates/*/*.yaml))
CORE_OBJ += $(B)/gen/templates.o
# The git hooks of hooks/ and the rule summaries of docs/rules.md, compiled
# in the same way by src/embed.sh (see src/embedded.h).
CORE_OBJ += $(B)/gen/embedded.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:%.c=$(B)/%)
# Fixtures shared by several unit tests, linked into every test binary.
UNIT_SUPPORT_OBJ := $(patsubst %.c,$(B)/%.o,$(wildcard tests/unit/support/*.c))

.PHONY: all deps demo check check-build check-unit check-e2e bench install \
	uninstall clean hdr-check

all: deps isms

# Builds go through a variant folder so gcc, clang and sanitizer objects
# never mix; ./isms is a copy of the default variant.
isms: $(B)/isms
	$(Q)cp $< $@

$(B)/isms: $(B)/src/main.o $(B)/libisms.a
	$(call say,LINK,$@)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/libisms.a: $(CORE_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

$(B)/%.o: %.c $(wildcard src/*.h) Makefile
	@mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(UNIT_SUPPORT_OBJ): $(wildcard tests/unit/support/*.h)
$(UNIT_SUPPORT_OBJ): ALL_CFLAGS += $(shell pkg-config --cflags $(TEST_PKGS) \
	2>/dev/null)

$(B)/tests/unit/%: tests/unit/%.c $(UNIT_SUPPORT_OBJ) $(B)/libisms.a \
		$(wildcard src/*.h tests/unit/support/*.h)
	@mkdir -p $(dir $@)
	$(call say,TEST,$@)$(CC) $(ALL_CFLAGS) -Isrc \
		$(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null) -o $@ $< \
		$(UNIT_SUPPORT_OBJ) $(B)/libisms.a $(ALL_LDFLAGS) $(LIBS) \
		$(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

# Each template becomes one C string, a line at a time: sed escapes
# backslashes, double quotes and question marks (no trigraphs under
# -std=c11) and ends each line with \n. Plain sed keeps the build free of
# xxd, whose output differs between vim versions, and od, whose output
# would need more post-processing.
$(B)/gen/templates.c: $(TEMPLATES) Makefile
	@mkdir -p $(dir $@)
	$(call say,GEN,$@){ \
		echo '/* Generated from templates/ by the Makefile. */'; \
		echo '#include "template.h"'; \
		echo 'const struct template_file template_builtin[] = {'; \
		for f in $(TEMPLATES); do \
			echo "{ \"$${f#templates/}\", \"\""; \
			sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' \
				-e 's/^/"/' -e 's/$$/\\n"/' "$$f"; \
			echo '},'; \
		done; \
		echo '};'; \
		echo 'const size_t template_builtin_count ='; \
		echo '    sizeof(template_builtin) / sizeof(template_builtin[0]);'; \
	} >$@.tmp && mv $@.tmp $@

$(B)/gen/templates.o: $(B)/gen/templates.c src/template.h src/buf.h
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(B)/gen/embedded.c: src/embed.sh hooks/pre-commit hooks/commit-msg \
		docs/rules.md
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)sh src/embed.sh hooks docs/rules.md >$@.tmp && \
		mv $@.tmp $@

$(B)/gen/embedded.o: $(B)/gen/embedded.c src/embedded.h
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

# Installs what a fresh Debian machine lacks, through apt-get, and says so.
deps:
	$(Q)missing=; \
	for m in $(PKGS) $(TEST_PKGS); do \
		pkg-config --exists $$m 2>/dev/null || missing=yes; \
	done; \
	for c in gcc git clang pre-commit; do \
		command -v $$c >/dev/null 2>&1 || missing=yes; \
	done; \
	if [ -n "$$missing" ]; then \
		sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		echo "make: installing build dependencies with apt-get:" \
			"$(DEB_PACKAGES)"; \
		$$sudo apt-get update -q && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			$(DEB_PACKAGES); \
	fi

demo: all
	$(Q)bash tests/demo.sh ./isms

# The whole suite, once per build: gcc with warnings as errors, then clang
# under AddressSanitizer and UndefinedBehaviorSanitizer.
check: deps
	$(Q)$(MAKE) --no-print-directory hdr-check CC=gcc
	$(Q)$(MAKE) --no-print-directory check-build CC=gcc
	$(Q)$(MAKE) --no-print-directory check-build CC=clang \
		SANITIZE=address,undefined

check-build: $(B)/isms $(UNIT_BIN)
	$(Q)$(MAKE) --no-print-directory check-unit check-e2e

check-unit: $(UNIT_BIN)
	$(Q)set -e; for t in $(UNIT_BIN); do \
		echo "== unit $$(basename $$t) [$(variant)]"; \
		ASAN_OPTIONS=detect_leaks=1 $$t; \
	done

check-e2e: $(B)/isms
	$(Q)ISMS_BIN=$(CURDIR)/$(B)/isms bash tests/e2e/run.sh

bench: all
	$(Q)bash tests/bench/run.sh ./isms

hdr-check:
	$(Q)set -e; for h in src/*.h; do \
		echo "#include \"$$(basename $$h)\"" | \
		$(CC) $(ALL_CFLAGS) -Isrc -x c -fsyntax-only -; \
	done

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 isms $(DESTDIR)$(BINDIR)/isms
	install -m 644 docs/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -d $(DESTDIR)$(TEMPLATEDIR)/controls
	install -m 644 templates/*.md templates/*.yaml $(DESTDIR)$(TEMPLATEDIR)/
	install -m 644 templates/controls/*.yaml $(DESTDIR)$(TEMPLATEDIR)/controls/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/isms
	for m in docs/*.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$$(basename $$m); done
	for t in $(TEMPLATES); do rm -f "$(DESTDIR)$(TEMPLATEDIR)/$${t#templates/}"; done
	-rmdir "$(DESTDIR)$(TEMPLATEDIR)/controls" "$(DESTDIR)$(TEMPLATEDIR)" 2>/dev/null

clean:
	rm -rf build isms
