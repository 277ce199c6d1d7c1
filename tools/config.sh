#!/bin/sh
# Writes the compiler and linker flags of the libraries as make variables.
# Lua 5.4 goes by several pkg-config names across distributions; take the first.
set -eu
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
lua=""
for name in lua5.4 lua-5.4 lua54; do
    if $PKG_CONFIG --exists "$name"; then lua=$name; break; fi
done
if [ -z "$lua" ]; then
    echo "werkplaats: Lua 5.4 niet gevonden via pkg-config (apt-get install liblua5.4-dev)" >&2
    exit 1
fi
pkgs="$lua sqlite3 yaml-0.1 jansson ncursesw"
# ncursesw's flags define _XOPEN_SOURCE=600 and _DEFAULT_SOURCE; the Makefile
# chooses the feature macros itself, so keep only the include paths.
echo "WP_PKG_CFLAGS := $($PKG_CONFIG --cflags-only-I $pkgs)"
echo "WP_PKG_LIBS := $($PKG_CONFIG --libs $pkgs)"
echo "WP_CMOCKA_LIBS := $($PKG_CONFIG --libs cmocka)"
