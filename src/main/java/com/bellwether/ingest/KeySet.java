package com.bellwether.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keys seen in a file, exactly and compactly: each key is built field by field into bytes, kept once in pages
 * of bytes, and found through an open-addressing table of offsets, with an int stored beside it. Millions of keys
 * (a usage file of 100,000 accounts) take tens of bytes each instead of the hundreds a set of objects takes.
 *
 * <p>Build a key with {@link #begin}, {@link #text}, {@link #number} and {@link #small}, then {@link #put} it.
 */
final class KeySet {

    private static final int PAGE = 1 << 20;
    private static final int EMPTY = -1;

    private final List<byte[]> pages = new ArrayList<>();
    private int used = PAGE;           // bytes used in the last page
    private int[] table = new int[1 << 12];
    private int size;

    private byte[] key = new byte[64];
    private int length;

    KeySet() {
        Arrays.fill(table, EMPTY);
    }

    int size() {
        return size;
    }

    /** Starts a new key. */
    KeySet begin() {
        length = 0;
        return this;
    }

    /** A text field: its length, then each character in one byte (ASCII) or three. */
    KeySet text(String text) {
        number(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                append((byte) c);
            } else {
                append((byte) 0x80);
                append((byte) (c >>> 8));
                append((byte) c);
            }
        }
        return this;
    }

    /** A whole number field, in as few bytes as it needs (a length byte first). */
    KeySet number(long value) {
        int bytes = (Long.SIZE - Long.numberOfLeadingZeros(value < 0 ? ~value : value)) / 8 + 1;
        append((byte) (value < 0 ? bytes | 0x10 : bytes));
        for (int b = bytes - 1; b >= 0; b--) {
            append((byte) (value >>> (8 * b)));
        }
        return this;
    }

    /** A field of one byte (an enum's ordinal, say). */
    KeySet small(int value) {
        append((byte) value);
        return this;
    }

    private void append(byte b) {
        if (length == key.length) {
            key = Arrays.copyOf(key, length * 2);
        }
        key[length++] = b;
    }

    /**
     * Adds the key built, with the value, when it is new, and returns {@link Integer#MIN_VALUE}; when the key is
     * there already, returns the value it was added with and replaces it.
     */
    int put(int value) {
        if (length > 0xFFFF - 6) {
            throw new IllegalArgumentException("A key of " + length + " bytes is too long");
        }
        int hash = hash(key, 0, length);
        int mask = table.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int at = table[slot];
            if (at == EMPTY) {
                table[slot] = store(value);
                if (++size * 4L > table.length * 3L) {
                    grow();
                }
                return Integer.MIN_VALUE;
            }
            if (matches(at)) {
                byte[] page = pages.get(at / PAGE);
                int offset = at % PAGE + 2 + length;
                int old = readInt(page, offset);
                writeInt(page, offset, value);
                return old;
            }
        }
    }

    /** Adds the key built; false when it was there already. */
    boolean add() {
        return put(0) == Integer.MIN_VALUE;
    }

    private int store(int value) {
        int need = 2 + length + 4;
        if (used + need > PAGE) {
            pages.add(new byte[PAGE]);
            used = 0;
        }
        byte[] page = pages.get(pages.size() - 1);
        int at = (pages.size() - 1) * PAGE + used;
        page[used] = (byte) (length >>> 8);
        page[used + 1] = (byte) length;
        System.arraycopy(key, 0, page, used + 2, length);
        writeInt(page, used + 2 + length, value);
        used += need;
        if ((long) pages.size() * PAGE > Integer.MAX_VALUE) {
            throw new IllegalStateException("Too many keys in one file to check");
        }
        return at;
    }

    private boolean matches(int at) {
        byte[] page = pages.get(at / PAGE);
        int offset = at % PAGE;
        int stored = ((page[offset] & 0xFF) << 8) | (page[offset + 1] & 0xFF);
        return stored == length && Arrays.equals(page, offset + 2, offset + 2 + length, key, 0, length);
    }

    private void grow() {
        int[] bigger = new int[table.length * 2];
        Arrays.fill(bigger, EMPTY);
        int mask = bigger.length - 1;
        for (int at : table) {
            if (at == EMPTY) {
                continue;
            }
            byte[] page = pages.get(at / PAGE);
            int offset = at % PAGE;
            int stored = ((page[offset] & 0xFF) << 8) | (page[offset + 1] & 0xFF);
            int slot = hash(page, offset + 2, stored) & mask;
            while (bigger[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = at;
        }
        table = bigger;
    }

    private static int hash(byte[] bytes, int from, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        for (int i = from; i < from + length; i++) {
            h = (h ^ bytes[i]) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    private static int readInt(byte[] page, int offset) {
        return ((page[offset] & 0xFF) << 24) | ((page[offset + 1] & 0xFF) << 16) | ((page[offset + 2] & 0xFF) << 8)
                | (page[offset + 3] & 0xFF);
    }

    private static void writeInt(byte[] page, int offset, int value) {
        page[offset] = (byte) (value >>> 24);
        page[offset + 1] = (byte) (value >>> 16);
        page[offset + 2] = (byte) (value >>> 8);
        page[offset + 3] = (byte) value;
    }
}
