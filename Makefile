# werkplaats: a workshop engine for the CCV's design-led neighbourhood approach.
#
#   make            build build/werkplaats
#   make demo       set up what is missing, run the whole Molenwijk traject
#   make screenshots  PNGs of the HTML report and the ontwerpbrief in build/screenshots/
#   make check      set up what is missing, run every test
#   make asan       the same tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make valgrind   the unit and end-to-end tests under valgrind
#   make bench      optimised build in build-bench/, timings into BENCHMARKS.md
#   make fuzz       each libFuzzer target for FUZZ_TIME seconds (clang, build-fuzz/)
#   make install    PREFIX=/usr/local DESTDIR= : binary, werkvormen, man page
#   make deps       install the Debian packages a fresh machine lacks (as root)

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/werkplaats
MANDIR     ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config

# One build folder per flavour, so sanitizer objects never mix with normal ones.
ifdef SANITIZE
B          ?= build-asan
else
B          ?= build
endif

CFLAGS     ?= -O2 -g
WARN       := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
              -Wwrite-strings -Wpointer-arith -Wformat=2 -Wundef -Wvla
# override: `make asan` and `make fuzz` pass CFLAGS on the command line, which
# would otherwise drop these (and the sanitizers below) without a word.
override CFLAGS += -std=c17 $(WARN)
CPPFLAGS   += -Iinclude -I$(B)/gen -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED \
              -DWP_DATADIR='"$(DATADIR)"' -MMD -MP
ifdef SANITIZE
override CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=$(SANITIZE)
endif

# The library flags come from pkg-config; build/config.mk is written after
# tools/deps.sh has made sure the packages are there (make re-reads it).
NO_CONFIG_GOALS := clean deps help
ifneq ($(filter-out $(NO_CONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
-include build/config.mk
endif
CPPFLAGS   += $(WP_PKG_CFLAGS)
LDLIBS     += $(WP_PKG_LIBS) -lm

ENGINE_SRC := $(filter-out engine/main.c,$(wildcard engine/*.c))
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(B)/%.o)
# Unit tests link the engine as an archive, so a test pulls in only the
# modules it uses (cli.o needs main.c's command table, which tests lack).
ENGINE_LIB := $(B)/libwerkplaats.a
UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
# The fuzz targets (tests/fuzz/): in every build a replay of their seeds and
# regression inputs, with libFuzzer in `make fuzz`.
FUZZ_TARGETS := casus draaiboek werkvorm
FUZZ_REPLAY  := $(FUZZ_TARGETS:%=$(B)/tests/fuzz_%)
FUZZ_TIME  ?= 60
BIN        := $(B)/werkplaats

.PHONY: test-deps all check asan valgrind fuzz fuzz-run bench bench-tools demo screenshots install uninstall deps clean help
all: $(BIN)

build/config.mk: tools/deps.sh tools/config.sh
	@tools/deps.sh
	@mkdir -p build
	@PKG_CONFIG=$(PKG_CONFIG) tools/config.sh > $@.tmp && mv $@.tmp $@

# Short lines while building; `make V=1` shows the whole commands.
Q          := $(if $(V),,@)
say         = $(if $(V),,@printf '  %-5s %s\n' $(1) $(2);)

$(BIN): $(B)/engine/main.o $(ENGINE_OBJ)
	$(call say,LINK,$@) $(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Lua code built into the binary (the plugin prelude), regenerated when it changes.
$(B)/gen/plugin_prelude.inc: engine/plugin_prelude.lua tools/embed.sh
	@mkdir -p $(@D)
	$(call say,GEN,$@) tools/embed.sh plugin_prelude $< > $@.tmp && mv $@.tmp $@
$(B)/engine/plugin_api.o: $(B)/gen/plugin_prelude.inc

$(B)/%.o: %.c build/config.mk
	@mkdir -p $(@D)
	$(call say,CC,$<) $(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(ENGINE_LIB): $(ENGINE_OBJ)
	$(call say,AR,$@) rm -f $@ && $(AR) rcs $@ $^

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(ENGINE_LIB) build/config.mk
	@mkdir -p $(@D)
	$(call say,TEST,$@) $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(ENGINE_LIB) $(LDLIBS) $(WP_CMOCKA_LIBS)

$(B)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(ENGINE_LIB) build/config.mk
	@mkdir -p $(@D)
	$(call say,TEST,$@) $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(ENGINE_LIB) $(LDLIBS)

# The tests drive tmux, chromium and friends: make sure they are there too.
check: test-deps $(BIN) $(UNIT_TESTS) $(FUZZ_REPLAY)
	@tests/run.sh $(BIN) $(UNIT_TESTS) $(FUZZ_REPLAY)

test-deps:
	@tools/deps.sh --test

asan:
	@$(MAKE) --no-print-directory check SANITIZE=address,undefined CFLAGS="-O1 -g"

valgrind: $(BIN) $(UNIT_TESTS) $(FUZZ_REPLAY)
	@WP_VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect" \
	  tests/run.sh $(BIN) $(UNIT_TESTS) $(FUZZ_REPLAY)

# The engine built with coverage for libFuzzer plus ASan and UBSan; each
# target linked with libFuzzer's main. A crash is kept in build-fuzz/crash/.
fuzz: test-deps
	@$(MAKE) --no-print-directory fuzz-run B=build-fuzz CC=clang CFLAGS="-O1 -g" \
	  SANITIZE=fuzzer-no-link,address,undefined

fuzz-run: $(FUZZ_TARGETS:%=$(B)/fuzz/%)
	@tools/fuzz.sh $(B) $(FUZZ_TIME) $(FUZZ_TARGETS)

$(B)/fuzz/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(ENGINE_LIB) build/config.mk
	@mkdir -p $(@D)
	$(call say,FUZZ,$@) $(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(ENGINE_LIB) $(LDLIBS)

# Benchmarks (tools/bench/README.md): not part of check; their own build folder.
BENCH_TOOLS := $(addprefix $(B)/bench/,genereer meet opendb latentie)
bench: test-deps
	@$(MAKE) --no-print-directory B=build-bench CFLAGS="-O2 -g -DNDEBUG" build-bench/werkplaats bench-tools
	@tools/bench/bench.sh build-bench

bench-tools: $(BENCH_TOOLS)
$(B)/bench/%: tools/bench/%.c build/config.mk
	@mkdir -p $(@D)
	$(call say,CC,$<) $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)
$(B)/bench/latentie: tools/bench/latentie.c $(ENGINE_LIB) build/config.mk
	@mkdir -p $(@D)
	$(call say,CC,$<) $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(ENGINE_LIB) $(LDLIBS)

demo: $(BIN)
	@tools/demo.sh $(BIN)

screenshots: $(BIN)
	@tools/screenshots.sh $(BIN) build/screenshots

install: $(BIN)
	tools/install.sh $(BIN) $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/werkplaats $(DESTDIR)$(MANDIR)/man1/werkplaats.1
	rm -rf $(DESTDIR)$(DATADIR)

deps:
	@tools/deps.sh --test

clean:
	rm -rf build build-*

help:
	@sed -n '3,12p' Makefile

-include $(shell find build build-* -name '*.d' 2>/dev/null)
