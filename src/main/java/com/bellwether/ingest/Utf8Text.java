package com.bellwether.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A file's text decoded strictly as UTF-8, a leading byte-order mark dropped. A byte sequence that is not UTF-8
 * (Latin-1's {@code é}, binary data) is not guessed at: it reads as U+FFFD and is remembered, so that whoever reads
 * the text can report it where it sits ({@link #sawNonUtf8()}, {@link #nextOffence()}) instead of storing a
 * replacement character in silence.
 */
final class Utf8Text extends Reader {

    /** Offences described at most; beyond them a generic description serves (the problems are capped anyway). */
    private static final int KEPT = 1000;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    private final CharBuffer chars = CharBuffer.allocate(64 * 1024);
    private final Deque<String> offences = new ArrayDeque<>();
    private boolean endOfInput;
    private boolean started;
    private boolean flushed;
    private long nonUtf8;

    Utf8Text(InputStream in) {
        this.in = in;
        chars.flip();
    }

    /** Whether any byte sequence read so far was not UTF-8. */
    boolean sawNonUtf8() {
        return nonUtf8 > 0;
    }

    /** The first offence not yet taken, such as {@code byte 0xE9}. */
    String nextOffence() {
        String next = offences.poll();
        return next == null ? "bytes that are not UTF-8" : next;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        return n;
    }

    private boolean fill() throws IOException {
        if (flushed) {
            return false;
        }
        chars.clear();
        while (chars.position() == 0) {
            if (!endOfInput) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    endOfInput = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
            }
            bytes.flip();
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if ((result.isMalformed() || result.isUnmappable()) && chars.hasRemaining()) {
                offence(result.length());
                bytes.position(bytes.position() + result.length());
                chars.put('\uFFFD');
            }
            boolean done = endOfInput && !bytes.hasRemaining();
            bytes.compact();
            if (done) {
                decoder.flush(chars);
                flushed = true;
                break;
            }
            if (result.isOverflow()) {
                break;
            }
        }
        chars.flip();
        if (!started && chars.hasRemaining()) {
            started = true;
            if (chars.get(chars.position()) == '\uFEFF') {
                chars.get();
                return chars.hasRemaining() || fill();
            }
        }
        return chars.hasRemaining();
    }

    private void offence(int length) {
        nonUtf8++;
        if (offences.size() < KEPT) {
            StringBuilder text = new StringBuilder(length == 1 ? "byte" : "bytes");
            for (int i = 0; i < length; i++) {
                text.append(String.format(Locale.ROOT, " 0x%02X", bytes.get(bytes.position() + i) & 0xFF));
            }
            offences.add(text.toString());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
