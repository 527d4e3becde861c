# Tower: the book, the reference runtime and the conformance suite, from tower.nw
# (the book's frame) and the chapter files it lists.
#
#   make                 install what is missing, tangle, build, weave, run the suite on ref
#   make check           every test; ends with "N passed, N failed"
#   make install         PREFIX=/usr/local DESTDIR= : header, libraries, pkg-config file
#   make conform IMPL=asyncio|uvloop|gbulb|ref
#   make bless           regenerate golden/ from the oracle (never in CI)
#   make check-load      the load and fault tests alone (a stage of make check)
#   make check-asan, make check-valgrind, make check-tsan, make bench, make bench-echo, make clean
#   make fuzz            FUZZ_SECONDS=300 : libFuzzer targets under ASan+UBSan (clang)
#   make duplicates      what the book's code repeats, as chapter file:line

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
.DELETE_ON_ERROR:
.SUFFIXES:
.DEFAULT_GOAL := all

PREFIX ?= /usr/local
exec_prefix ?= $(PREFIX)
includedir ?= $(PREFIX)/include
libdir ?= $(exec_prefix)/lib
pkgconfigdir ?= $(libdir)/pkgconfig
INSTALL ?= install

CC ?= cc
CFLAGS ?= -O2 -g
TOWER_CFLAGS := -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -pthread -Iref/include
LDLIBS_TOWER := -pthread -lssl -lcrypto
SO_VERSION := 0
VERSION := 0.1.0

B := build
# Debian's interpreter: the oracle, and the one that has pytest, uvloop and gbulb.
PYTHON := /usr/bin/python3
CONFORM := $(PYTHON) tools/conform
# The runner's own default is one scenario per core; most scenarios sleep or
# wait on a socket, so the make targets run many at once.
SUITE_JOBS ?= 32
CONFORM_RUN = $(CONFORM) run -j $(SUITE_JOBS)

# ---------------------------------------------------------------- dependencies
# Each group is installed by tools/ensure-deps when a target first needs it,
# and only then: the library needs the C toolchain, Check and noweb; the book
# needs TeX; the runner needs Python; running the suite on uvloop and gbulb
# needs those loops. `make deps` installs every group.
DEPS_BUILD := make gcc libc6-dev binutils pkg-config check libsubunit-dev noweb libssl-dev
DEPS_BOOK := texlive-latex-base texlive-latex-recommended texlive-luatex \
             texlive-pictures fonts-lmodern fonts-dejavu-core fonts-noto-color-emoji \
             poppler-utils
DEPS_RUNNER := python3
DEPS_RUNNER_TESTS := python3-pytest python3-pip
DEPS_LOOPS := python3-uvloop python3-gbulb
DEPS_VALGRIND := valgrind
DEPS_FUZZ := clang libclang-rt-14-dev

DEPS_GROUPS := build book runner runner-tests loops valgrind fuzz
.PHONY: deps $(addprefix deps-,$(DEPS_GROUPS))
deps: deps-build deps-book deps-runner deps-runner-tests deps-loops deps-coverage deps-html
deps-build:
	@tools/ensure-deps $(DEPS_BUILD)
deps-book:
	@tools/ensure-deps $(DEPS_BOOK)
deps-runner:
	@tools/ensure-deps $(DEPS_RUNNER)
deps-runner-tests: deps-runner
	@tools/ensure-deps $(DEPS_RUNNER_TESTS)
deps-loops: deps-runner
	@tools/ensure-deps $(DEPS_LOOPS)
deps-valgrind: deps-build
	@tools/ensure-deps $(DEPS_VALGRIND)
deps-fuzz: deps-build
	@tools/ensure-deps $(DEPS_FUZZ)

# ---------------------------------------------------------------- the book's files
# tower.nw is the frame; its lines "%chapter FILE" list the chapter files in
# reading order. The frame and its chapters are read together, as one book.
CHAPTERS := $(shell sed -n 's/^%chapter //p' tower.nw)
BOOK := tower.nw $(CHAPTERS)

# ---------------------------------------------------------------- tangling
# Every root chunk of the book is a file below ref/, named by its path in code
# quotes (<<[[src/loop.c]]>>=, so underscores survive LaTeX). A chunk whose name
# is misspelt becomes a new root and fails `make check-roots`.
ROOTS := $(shell cat ref.roots 2>/dev/null)

REF_FILES := $(addprefix ref/,$(ROOTS))
HEADERS := $(filter ref/include/% ref/src/%.h,$(REF_FILES))
LIB_SRCS := $(filter ref/src/%.c,$(REF_FILES))
SCENARIO_SRCS := $(filter ref/scenarios/%.c,$(REF_FILES))
TEST_SRCS := $(filter-out ref/tests/load/%,$(filter ref/tests/%.c,$(REF_FILES)))
LOAD_SRCS := $(filter ref/tests/load/%.c,$(REF_FILES))
BENCH_SRCS := $(filter ref/bench/%.c,$(REF_FILES))
EXAMPLE_SRCS := $(filter ref/examples/%.c,$(REF_FILES))
FUZZ_SRCS := $(filter ref/fuzz/%.c,$(REF_FILES))

# tangle ROOT... into DIR; notangle -L makes compilers and debuggers point
# into the chapter files; cpif leaves unchanged files untouched, so nothing rebuilds.
define tangle_into
for root in $(2); do \
  mkdir -p "$(1)/$$(dirname "$$root")"; \
  case "$$root" in *.c|*.h) line=-L ;; *) line= ;; esac; \
  notangle -t8 $$line -R"[[$$root]]" $(BOOK) | cpif "$(1)/$$root"; \
done
endef

.PHONY: tangle
tangle: $(B)/tangle.stamp
$(B)/tangle.stamp: $(BOOK) ref.roots | deps-build
	@mkdir -p $(B)
	$(call tangle_into,ref,$(ROOTS))
	@touch $@
# The tangled files change only through the stamp's recipe.
$(REF_FILES): $(B)/tangle.stamp ;

# ---------------------------------------------------------------- building
OBJS := $(LIB_SRCS:ref/src/%.c=$(B)/obj/%.o)
PIC_OBJS := $(LIB_SRCS:ref/src/%.c=$(B)/pic/%.o)
SCENARIO_BINS := $(SCENARIO_SRCS:ref/scenarios/%.c=$(B)/scenarios/%)
BENCH_BINS := $(BENCH_SRCS:ref/bench/%.c=$(B)/bench/%)
EXAMPLE_BINS := $(EXAMPLE_SRCS:ref/examples/%.c=$(B)/examples/%)
CHECK_BIN := $(B)/check_tower
LOAD_BIN := $(B)/check_load

.PHONY: all lib scenarios tests benchmarks examples
all: lib scenarios tests benchmarks examples pdf conform-ref
lib: $(B)/libtower.a $(B)/libtower.so $(B)/tower.pc
scenarios: $(SCENARIO_BINS)
tests: $(CHECK_BIN) $(LOAD_BIN)
benchmarks: $(BENCH_BINS)
examples: $(EXAMPLE_BINS)

# The compiler writes each object's header dependencies beside it (-MMD);
# -MP keeps a deleted header from stopping the build.
DEPFLAGS = -MMD -MP -MF $@.d
$(B)/obj/%.o: ref/src/%.c | deps-build
	@mkdir -p $(@D)
	$(CC) $(TOWER_CFLAGS) $(CFLAGS) $(DEPFLAGS) -c $< -o $@
$(B)/pic/%.o: ref/src/%.c | deps-build
	@mkdir -p $(@D)
	$(CC) $(TOWER_CFLAGS) $(CFLAGS) $(DEPFLAGS) -fPIC -c $< -o $@

$(B)/libtower.a: $(OBJS)
	rm -f $@
	ar rcs $@ $^
$(B)/libtower.so.$(SO_VERSION): $(PIC_OBJS)
	$(CC) -shared -Wl,-soname,libtower.so.$(SO_VERSION) $(CFLAGS) -o $@ $^ $(LDLIBS_TOWER)
$(B)/libtower.so: $(B)/libtower.so.$(SO_VERSION)
	ln -sf $(<F) $@

$(B)/scenarios/%: ref/scenarios/%.c $(B)/libtower.a
	@mkdir -p $(@D)
	$(CC) $(TOWER_CFLAGS) $(CFLAGS) $(DEPFLAGS) $< -o $@ $(B)/libtower.a $(LDLIBS_TOWER)
$(B)/bench/%: ref/bench/%.c $(B)/libtower.a
	@mkdir -p $(@D)
	$(CC) $(TOWER_CFLAGS) $(CFLAGS) $(DEPFLAGS) $< -o $@ $(B)/libtower.a $(LDLIBS_TOWER)
$(B)/examples/%: ref/examples/%.c $(B)/libtower.a
	@mkdir -p $(@D)
	$(CC) $(TOWER_CFLAGS) $(CFLAGS) $(DEPFLAGS) $< -o $@ $(B)/libtower.a $(LDLIBS_TOWER)
-include $(wildcard $(B)/obj/*.d $(B)/pic/*.d $(B)/scenarios/*.d $(B)/bench/*.d $(B)/examples/*.d)
$(CHECK_BIN): $(TEST_SRCS) $(filter ref/tests/%.h,$(REF_FILES)) $(HEADERS) $(B)/libtower.a
	$(CC) $(TOWER_CFLAGS) $(CFLAGS) $$(pkg-config --cflags check) $(TEST_SRCS) -o $@ \
	  $(B)/libtower.a $$(pkg-config --libs check) $(LDLIBS_TOWER)

# The load and fault tests (tiers 7 and 8) are a Check program of their own:
# they hold thousands of sockets and a child process, so they stay out of
# check_tower, which valgrind also runs.
$(LOAD_BIN): $(LOAD_SRCS) $(filter ref/tests/%.h,$(REF_FILES)) $(HEADERS) $(B)/libtower.a
	$(CC) $(TOWER_CFLAGS) $(CFLAGS) $$(pkg-config --cflags check) $(LOAD_SRCS) -o $@ \
	  $(B)/libtower.a $$(pkg-config --libs check) $(LDLIBS_TOWER)

$(B)/tower.pc: tools/tower.pc.in Makefile
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@includedir@|$(includedir)|' \
	    -e 's|@libdir@|$(libdir)|' -e 's|@VERSION@|$(VERSION)|' $< > $@

# ---------------------------------------------------------------- the book
# Transcripts, Python editions and the rules each scenario pins are read
# when the book is woven; tools/book.lua is the Lua LuaLaTeX runs.
BOOK_INPUTS := $(wildcard golden/*.out conformance/t*/*.py conformance/t*/*.toml) tools/book.lua
DOC := $(B)/doc
# Reproducible: the same bytes from the same commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || stat -c %Y tower.nw)
LUALATEX := SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) FORCE_SOURCE_DATE=1 TEXINPUTS=$(DOC): \
  lualatex -interaction=nonstopmode -halt-on-error -output-directory=$(DOC)

.PHONY: pdf
pdf: docs/tower.pdf
# Chapter 1's figure of the tower is drawn from the code: check-floors reads
# the objects and the includes and writes it, for the PDF (TikZ) and the web
# edition (HTML) at once, from one list of floors; it draws a failing tower
# too (exit status 1), with the floors that reach up marked, and the book weaves.
$(DOC)/floors.tex $(DOC)/floors.html &: tools/check-floors $(OBJS) $(BOOK)
	@mkdir -p $(DOC)
	tools/check-floors --src ref/src --include ref/include --objects $(B)/obj --cc "$(CC)" \
	  --tex $(DOC)/floors.tex --html $(DOC)/floors.html > $(DOC)/floors.out || [ $$? -eq 1 ]
docs/tower.pdf: $(BOOK) tools/weave tools/index-filter tools/chunk-shape $(DOC)/floors.tex $(BOOK_INPUTS) | deps-build deps-book
	@mkdir -p $(DOC)
	# The book is woven as one file: given several, noweb's -delay puts the
	# identifier index before the preamble instead of after it. tools/weave
	# is noweave with the book's index filters (tools/index-filter).
	cat $(BOOK) > $(DOC)/tower.nw
	tools/weave $(DOC)/tower.nw > $(DOC)/tower.tex
	# Debian's noweb.sty is Latin-1; LuaLaTeX reads only UTF-8.
	iconv -f latin1 -t utf-8 "$$(kpsewhich noweb.sty)" > $(DOC)/noweb.sty
	# Start from no cross-references, so the result never depends on an
	# earlier build, and run until they settle (page numbers move the TOC).
	rm -f $(DOC)/tower.aux $(DOC)/tower.toc
	prev=; for pass in 1 2 3 4 5 6; do \
	  $(LUALATEX) $(DOC)/tower.tex > $(DOC)/lualatex.out 2>&1 \
	    || { grep -A5 '^!' $(DOC)/tower.log >&2; exit 1; }; \
	  refs=$$(cat $(DOC)/tower.aux $(DOC)/tower.toc | md5sum); \
	  [ "$$refs" = "$$prev" ] && break; prev=$$refs; \
	  [ $$pass -lt 6 ] || { echo "book: cross-references did not settle in 6 passes" >&2; exit 1; }; \
	done
	mkdir -p docs && cp $(DOC)/tower.pdf $@

# ---------------------------------------------------------------- the web edition
# `make html` writes docs/html/ (one page per part and chapter, a contents
# page, the indexes) from the stream the PDF is woven from, cross-referenced
# by the same filters; `make check-html` (a stage of make check) checks that
# every internal link resolves, every chunk, transcript and scenario is
# there, every rule leads to its scenarios and back, and the code is
# highlighted with its links kept; `make check-html-browser` renders four
# pages (the contents, the tower, tier 1, tier 9's scenarios) in headless
# Chromium at a phone's and a desktop's width and fails on a console error
# or a layout that overflows. Look at it: open docs/html/index.html in a browser.
# Code is highlighted with Pygments (the book's tools may use it; the
# runner stays standard library only).
HTML := docs/html
DEPS_HTML := python3-pygments
DEPS_BROWSER := chromium
.PHONY: html check-html check-html-browser deps-html deps-browser
html: $(HTML)/index.html
deps-html: deps-runner
	@tools/ensure-deps $(DEPS_HTML)
$(HTML)/index.html: $(BOOK) tools/weave tools/index-filter tools/web-edition $(DOC)/floors.html $(BOOK_INPUTS) | deps-build deps-html
	@mkdir -p $(DOC)
	cat $(BOOK) > $(DOC)/web.nw
	tools/weave --stream $(DOC)/web.nw > $(DOC)/web.stream
	rm -rf $(HTML)
	$(PYTHON) tools/web-edition $(DOC)/web.stream $(HTML)
check-html: html
	$(PYTHON) tools/web-edition --check $(HTML)
deps-browser: deps-runner
	@tools/ensure-deps $(DEPS_BROWSER)
check-html-browser: html | deps-browser
	$(PYTHON) tools/web-browser-check $(HTML)/index.html \
	  $(HTML)/*-the-tower.html $(HTML)/*-tier-1-coroutines-and-await.html \
	  $(HTML)/*-scenarios-and-tests-of-tier-9.html

# ---------------------------------------------------------------- repetition
# The duplicates tool reads source files by their ending and passes over the
# .nw files, so it cannot see the book the C is tangled from:
# tools/book-duplicates copies each chapter's code into a temporary tree
# outside git (chapters/X.nw.c, every other line left blank, so line numbers
# stay the chapter's), runs `duplicates --repo` on it, and prints the
# findings as chapters/X.nw:LINE. DUPLICATES_ARGS passes options
# (--most N, --min-lines N, --seconds N). `duplicates --repo ref` reads
# the tangled tree, where a chunk used in two files shows twice.
DUPLICATES_ARGS ?=
.PHONY: duplicates
duplicates: | deps-runner
	$(PYTHON) tools/book-duplicates $(DUPLICATES_ARGS) $(BOOK)

# ---------------------------------------------------------------- the suite
IMPL ?= asyncio
.PHONY: conform conform-ref report bless
conform: | deps-loops
	$(CONFORM_RUN) --impl $(IMPL)
conform-ref: scenarios | deps-runner
	$(CONFORM_RUN) --impl ref
report: scenarios | deps-loops deps-coverage
	$(CONFORM) report --out docs/conformance.md
	$(PYTHON) tools/coverage-oracle --build $(COV_B) --into docs/conformance.md
bless: | deps-runner
	$(CONFORM) bless

# ---------------------------------------------------------------- checks
.PHONY: check check-floors check-tangle check-roots check-unit check-load check-runner check-suite-ref \
        check-suite-asyncio check-goldens check-install check-pdf check-asan check-valgrind \
        check-tsan check-fuzz
check: all
	$(PYTHON) tools/check-stages \
	  "tangle in sync=$(MAKE) -s check-tangle" \
	  "root chunks=$(MAKE) -s check-roots" \
	  "floors=$(MAKE) -s check-floors" \
	  "unit tests=$(MAKE) -s check-unit" \
	  "load and fault tests=$(MAKE) -s check-load" \
	  "runner tests=$(MAKE) -s check-runner" \
	  "suite on ref=$(MAKE) -s check-suite-ref" \
	  "suite on ref, real clock=$(MAKE) -s check-suite-ref-real" \
	  "suite on asyncio=$(MAKE) -s check-suite-asyncio" \
	  "goldens=$(MAKE) -s check-goldens" \
	  "installed library=$(MAKE) -s check-install" \
	  "fuzz targets, short run=$(MAKE) -s check-fuzz" \
	  "book=$(MAKE) -s check-pdf" \
	  "web edition=$(MAKE) -s check-html"

# The tower in the code: every file of ref/src and ref/include uses only its
# own tier and the tiers below (read from the objects' symbols and the
# includes); prints the floors, and every upward reference and cycle.
check-floors: $(OBJS)
	tools/check-floors --src ref/src --include ref/include --objects $(B)/obj --cc "$(CC)"

check-tangle: | deps-build
	rm -rf $(B)/tangle-check && mkdir -p $(B)/tangle-check
	$(call tangle_into,$(B)/tangle-check,$(ROOTS))
	diff -r ref $(B)/tangle-check \
	  || { echo "ref/ differs from what the book tangles to: run make tangle" >&2; exit 1; }
	echo "ref/ matches the book (1 passed, 0 failed)"
check-roots: | deps-build
	diff <(ls chapters/*.nw) <(printf '%s\n' $(CHAPTERS) | sort) \
	  || { echo "chapters/ differs from the frame's %chapter list (< only in chapters/, > only in tower.nw)" >&2; exit 1; }
	diff <(noroots $(BOOK) | sed 's/^<<\[\[//; s/\]\]>>$$//' | sort) <(sort ref.roots) \
	  || { echo "root chunks of the book differ from ref.roots (< only in the book, > only in ref.roots)" >&2; exit 1; }
	echo "root chunks match ref.roots (1 passed, 0 failed)"
check-unit: $(CHECK_BIN)
	CK_FORK=yes $(CHECK_BIN)
check-load: $(LOAD_BIN)
	CK_FORK=yes $(LOAD_BIN)
check-runner: | deps-runner-tests deps-loops deps-coverage deps-html
	$(PYTHON) -m pytest -q tools/tests
check-suite-ref: scenarios | deps-runner
	$(CONFORM_RUN) --impl ref
# The suite runs ref on its virtual clock; the real clock must give the same
# transcripts (it takes the scenarios' real sleeps, a few seconds).
.PHONY: check-suite-ref-real
check-suite-ref-real: scenarios | deps-runner
	$(CONFORM_RUN) --impl ref --ref-clock real
check-suite-asyncio: | deps-runner
	$(CONFORM_RUN) --impl asyncio
check-goldens: | deps-runner
	$(CONFORM) check
# Install into a scratch root and build the book's example against it, the way
# a user outside this tree would: only the header, the library and tower.pc.
STAGE := $(B)/stage
check-install: lib
	rm -rf $(STAGE)
	$(MAKE) -s install DESTDIR=$(CURDIR)/$(STAGE) PREFIX=/usr/local
	export PKG_CONFIG_SYSROOT_DIR=$(CURDIR)/$(STAGE) \
	       PKG_CONFIG_PATH=$(CURDIR)/$(STAGE)/usr/local/lib/pkgconfig; \
	$(CC) -std=c11 -Wall -Wextra -Werror ref/examples/hello.c -o $(STAGE)/hello \
	  $$(pkg-config --cflags --libs tower)
	LD_LIBRARY_PATH=$(CURDIR)/$(STAGE)/usr/local/lib $(STAGE)/hello | grep -qx 'hello from the tower'
	echo "installed library builds and runs an outside program (1 passed, 0 failed)"
# The book as a reader meets it: no line too wide or clipped, no page that
# holds only a footer or nothing, contents of at most five pages, the PDF's
# metadata, emoji that copy as text, every reference and scenario in place;
# and the counts of where the pages go (tools/book-measure).
check-pdf: docs/tower.pdf | deps-book
	tools/book-measure --check $(DOC) docs/tower.pdf

# Sanitized and valgrind runs build a separate tree and run the unit tests and
# every C edition through the runner, so an error report is a failed scenario.
ASAN_B := build-asan
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-asan: tangle | deps-runner
	$(MAKE) B=$(ASAN_B) CFLAGS="$(ASAN_FLAGS)" lib scenarios tests
	ASAN_OPTIONS=detect_leaks=1 CK_FORK=no $(ASAN_B)/check_tower
	ASAN_OPTIONS=detect_leaks=1 CK_FORK=no $(ASAN_B)/check_load
	ASAN_OPTIONS=detect_leaks=1 $(CONFORM_RUN) --impl ref --ref-build $(ASAN_B)
# A process-pool worker is a fork that never execs: at its _exit the whole
# heap it shares with its parent would be reported, so its output is silenced.
VALGRIND := valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
  --error-exitcode=99 --child-silent-after-fork=yes
# The pool's slabs hide leaks from valgrind, so the unit tests run with the
# pool (its own code checked) and without it, and the suite without it.
check-valgrind: scenarios tests | deps-valgrind deps-runner
	CK_FORK=no $(VALGRIND) $(CHECK_BIN)
	TOWER_POOL=off CK_FORK=no $(VALGRIND) $(CHECK_BIN)
	TOWER_POOL=off $(CONFORM_RUN) --impl ref --timeout-scale 10 --wrap '$(VALGRIND)' \
	  --expectations conformance/expectations/ref-valgrind.toml

# ThreadSanitizer: the unit tests and the tier 5 editions (the ones with
# threads), built in their own tree.
TSAN_B := build-tsan
TSAN_FLAGS := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
check-tsan: tangle | deps-runner
	$(MAKE) B=$(TSAN_B) CFLAGS="$(TSAN_FLAGS)" lib scenarios tests
	TSAN_OPTIONS=halt_on_error=1:exitcode=66 CK_FORK=no $(TSAN_B)/check_tower
	TSAN_OPTIONS=halt_on_error=1:exitcode=66 $(CONFORM_RUN) --impl ref --ref-build $(TSAN_B) --tier 5

# ---------------------------------------------------------------- fuzzing
# Each ref/fuzz/NAME.c is a libFuzzer target, built with the library's sources
# under the same instrumentation. Its corpus is tests/fuzz/NAME/ (committed,
# only read); what a run finds goes to build/fuzz/NAME.corpus/, crashes to
# build/fuzz/NAME.crash-*. `make fuzz` runs each target FUZZ_SECONDS seconds;
# check-fuzz replays the corpus and tries FUZZ_RUNS new inputs from a fixed seed.
FUZZ_CC := clang
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
FUZZ_SECONDS ?= 300
FUZZ_RUNS ?= 20000
FUZZ_BINS := $(FUZZ_SRCS:ref/fuzz/%.c=$(B)/fuzz/%)

.PHONY: fuzz fuzz-targets
fuzz-targets: $(FUZZ_BINS)
$(B)/fuzz/%: ref/fuzz/%.c $(LIB_SRCS) $(HEADERS) $(filter ref/tests/%.h,$(REF_FILES)) | deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(TOWER_CFLAGS) $(FUZZ_FLAGS) $< $(LIB_SRCS) -o $@ $(LDLIBS_TOWER)
fuzz: fuzz-targets
	for bin in $(FUZZ_BINS); do \
	  name=$$(basename $$bin); mkdir -p $$bin.corpus tests/fuzz/$$name; \
	  $$bin -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$$bin.crash- $$bin.corpus tests/fuzz/$$name; \
	done
check-fuzz: fuzz-targets
	for bin in $(FUZZ_BINS); do \
	  name=$$(basename $$bin); rm -rf $$bin.smoke && mkdir -p $$bin.smoke tests/fuzz/$$name; \
	  $$bin -runs=$(FUZZ_RUNS) -seed=1 -artifact_prefix=$$bin.crash- $$bin.smoke \
	    tests/fuzz/$$name 2>$$bin.smoke.log \
	    || { tail -30 $$bin.smoke.log >&2; exit 1; }; \
	  echo "$$name: corpus of $$(ls tests/fuzz/$$name | wc -l) replayed, $(FUZZ_RUNS) new inputs"; \
	done
	echo "fuzz targets ran clean ($(words $(FUZZ_BINS)) passed, 0 failed)"

# ---------------------------------------------------------------- benchmarks
.PHONY: bench bench-echo
bench: benchmarks | deps-loops
	$(PYTHON) bench/run
# The TCP and TLS echo benchmarks alone (make bench runs them after the other workloads).
bench-echo: benchmarks | deps-loops
	$(PYTHON) bench/echo_bench.py

# ---------------------------------------------------------------- install
.PHONY: install uninstall
install: lib
	$(INSTALL) -d $(DESTDIR)$(includedir)/tower $(DESTDIR)$(libdir) $(DESTDIR)$(pkgconfigdir)
	$(INSTALL) -m 644 ref/include/tower.h $(DESTDIR)$(includedir)/
	$(INSTALL) -m 644 $(filter ref/include/tower/%,$(HEADERS)) $(DESTDIR)$(includedir)/tower/
	$(INSTALL) -m 644 $(B)/libtower.a $(DESTDIR)$(libdir)/
	$(INSTALL) -m 755 $(B)/libtower.so.$(SO_VERSION) $(DESTDIR)$(libdir)/
	ln -sf libtower.so.$(SO_VERSION) $(DESTDIR)$(libdir)/libtower.so
	$(INSTALL) -m 644 $(B)/tower.pc $(DESTDIR)$(pkgconfigdir)/
uninstall:
	rm -rf $(DESTDIR)$(includedir)/tower
	rm -f $(DESTDIR)$(includedir)/tower.h $(DESTDIR)$(libdir)/libtower.a \
	      $(DESTDIR)$(libdir)/libtower.so $(DESTDIR)$(libdir)/libtower.so.$(SO_VERSION) \
	      $(DESTDIR)$(pkgconfigdir)/tower.pc

.PHONY: clean
clean:
	rm -rf $(B) $(ASAN_B) $(TSAN_B) $(COV_B) $(MUT_B) docs/tower.pdf docs/html

# ---------------------------------------------------------------- how sharp the suite is
# Coverage of the reference runtime (gcov, in its own tree), coverage of the
# oracle (coverage.py over CPython's asyncio), and mutation testing of
# ref/src (tools/mutate, on scratch copies in build-mut/). None is in
# `make check`; chapter "The conformance suite" says what each measures.
DEPS_COVERAGE := python3-coverage
.PHONY: deps-coverage coverage coverage-oracle mutate mutate-full
deps-coverage: deps-runner
	@tools/ensure-deps $(DEPS_COVERAGE)

# Line and branch coverage of ref/src per file: the unit, load and fault
# tests; the suite's C editions alone; both together. The uncovered lines,
# as chapter:line of the book, go to build-cov/coverage/uncovered.txt.
COV_B := build-cov
COV_FLAGS := -O0 -g --coverage -DTW_COVERAGE
coverage: tangle | deps-build deps-runner
	$(MAKE) B=$(COV_B) CFLAGS="$(COV_FLAGS)" lib scenarios tests
	tools/coverage-ref reset --build $(COV_B)
	CK_FORK=yes $(COV_B)/check_tower
	CK_FORK=yes $(COV_B)/check_load
	tools/coverage-ref collect --build $(COV_B) unit
	tools/coverage-ref reset --build $(COV_B)
	$(CONFORM_RUN) --impl ref --ref-build $(COV_B)
	tools/coverage-ref collect --build $(COV_B) suite
	tools/coverage-ref report --build $(COV_B) unit suite

# Line and branch coverage of CPython's asyncio (the oracle) by every Python
# edition and peer program, with the C accelerator blocked; the table goes to
# build-cov/oracle/coverage.md, and `make report` puts it into docs/conformance.md.
coverage-oracle: | deps-coverage
	$(PYTHON) tools/coverage-oracle --build $(COV_B)

# Mutants of ref/src (tools/mutate: our own mutator; its operators are listed
# in the chapter on the suite), each built as a shared library in build-mut/
# and run under the suite's C editions and, counted apart, the unit tests.
# A fixed-seed sample of MUTANTS keeps `make mutate` short (about 10 s a
# mutant); `make mutate-full` tries all of them (hours). Report: build-mut/report.md.
# MUTATE_ARGS passes more options, e.g. MUTATE_ARGS='--at task.c:1174' to try a
# survivor again, or --file, --operator (tools/mutate --help).
MUT_B := build-mut
MUT_FLAGS := -O1 -g
MUTANTS ?= 40
MUTATION_SEED ?= 1
MUTATE = tools/mutate --base $(MUT_B)/base --out $(MUT_B) --seed $(MUTATION_SEED) \
  --cc '$(CC)' --cflags '$(TOWER_CFLAGS) $(MUT_FLAGS)' --check-flags "$$(pkg-config --cflags --libs check)" \
  --ldlibs '$(LDLIBS_TOWER)'
.PHONY: mutate-base
mutate-base: tangle | deps-build deps-runner
	$(MAKE) B=$(MUT_B)/base CFLAGS="$(MUT_FLAGS)" lib
mutate: mutate-base
	$(PYTHON) $(MUTATE) -n $(MUTANTS) --suite-jobs $(SUITE_JOBS) $(MUTATE_ARGS)
mutate-full: mutate-base
	$(PYTHON) $(MUTATE) --all --suite-jobs $(SUITE_JOBS) $(MUTATE_ARGS)
