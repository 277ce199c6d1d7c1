#!/bin/sh
# Writes a file as a C array, so Lua code (the plugin prelude) is built into
# the binary: tools/embed.sh NAME FILE > OUT.inc. Uses od from coreutils
# rather than xxd, which a fresh Debian machine may lack.
set -eu
name=$1
file=$2
echo "/* generated from $file by tools/embed.sh: do not edit */"
echo "static const unsigned char ${name}[] = {"
od -An -v -tx1 "$file" | sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^ */    /'
echo "};"
