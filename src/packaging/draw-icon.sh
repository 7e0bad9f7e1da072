#!/bin/sh
# Draws Bellwether's icon (a bell over the three health bands) with ImageMagick into bellwether.png, 256x256.
# The PNG is committed; run this again only to change the drawing: sh src/packaging/draw-icon.sh
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
out="$here/bellwether.png"
convert -size 256x256 xc:none \
    -fill '#2559a0' -draw 'roundrectangle 8,8 247,247 44,44' \
    -fill '#d73a49' -draw 'rectangle 36,214 96,228' \
    -fill '#e3a21a' -draw 'rectangle 98,214 158,228' \
    -fill '#2da44e' -draw 'rectangle 160,214 220,228' \
    -fill white -draw 'circle 128,44 128,56' \
    -fill white -draw 'path "M 128 52 C 86 52 74 84 74 124 L 74 150 L 52 178 L 204 178 L 182 150 L 182 124 C 182 84 170 52 128 52 Z"' \
    -fill '#e3a21a' -draw 'circle 128,190 128,204' \
    -fill '#dbe7f6' -draw 'path "M 98 96 C 104 78 114 72 124 70 C 112 80 106 96 104 120 L 96 120 Z"' \
    -strip "PNG32:$out"
echo "$out"
# The same for the Windows installer (an .ico of five sizes) and the macOS one (an .icns whose 'ic08' entry is the
# 256x256 PNG, as macOS reads since 10.7).
convert "$out" -define icon:auto-resize=256,64,48,32,16 "$here/windows/bellwether.ico"
python3 - "$out" "$here/macos/bellwether.icns" <<'PY'
import struct, sys
png = open(sys.argv[1], 'rb').read()
entry = b'ic08' + struct.pack('>I', 8 + len(png)) + png
open(sys.argv[2], 'wb').write(b'icns' + struct.pack('>I', 8 + len(entry)) + entry)
PY
