package com.bellwether.sample;

import java.util.SplittableRandom;

/**
 * A seeded random source with the few distributions the generator needs. Gaussians use our own
 * Box-Muller on {@link StrictMath}, so the output does not depend on JDK-internal algorithms.
 */
final class Rng {

    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** An independent stream for (seed, a, b): the same arguments always give the same stream. */
    static Rng of(long seed, long a, long b) {
        return new Rng(mix(mix(seed ^ 0x5DEECE66DL) + a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL));
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    double uniform() {
        return random.nextDouble();
    }

    double uniform(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** Uniform integer in [from, to], both inclusive; {@code from} if {@code to < from}. */
    int between(int from, int to) {
        if (to <= from) {
            return from;
        }
        return from + random.nextInt(to - from + 1);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        if (u1 < 1e-300) {
            u1 = 1e-300;
        }
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double angle = 2.0 * StrictMath.PI * u2;
        spare = radius * StrictMath.sin(angle);
        hasSpare = true;
        return radius * StrictMath.cos(angle);
    }

    /** A multiplicative noise factor with median 1 and log standard deviation {@code sigma}. */
    double noise(double sigma) {
        return StrictMath.exp(sigma * gaussian());
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Index drawn with the given weights (need not sum to 1). */
    int weighted(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
