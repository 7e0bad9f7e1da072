package com.bellwether.scoring;

/** A portfolio that would not fit the heap this JVM was given, with what it needs and how to give it. */
public final class TooLargeForHeap extends RuntimeException {

    TooLargeForHeap(String message) {
        super(message);
    }

    /** The one line to tell a user who ran out of memory anyway (an estimate is an estimate). */
    public static String outOfMemory(long maxHeap) {
        long suggested = Math.max(2, (maxHeap >> 30) * 2);
        return "Bellwether ran out of memory with a heap of " + (maxHeap >> 20) + " MB; start it with a larger one,"
                + " e.g. BELLWETHER_JAVA_OPTS=-Xmx" + suggested + "g ./bellwether ... (or java -Xmx" + suggested
                + "g -jar bellwether.jar ...)";
    }
}
