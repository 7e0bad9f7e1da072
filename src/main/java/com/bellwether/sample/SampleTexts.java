package com.bellwether.sample;

/**
 * The short texts of the sample: ticket subjects and descriptions, survey comments and meeting summaries, each
 * negative, neutral or positive. Which tone a text takes follows the account's trouble on its day (a support
 * episode, falling usage, a detractor answer, stakeholders going quiet): troubled accounts write negative text,
 * healthy ones neutral or positive text. Every draw comes from streams of their own, so the rest of the sample is
 * the same with or without texts.
 */
final class SampleTexts {

    static final int NEGATIVE = 0;
    static final int NEUTRAL = 1;
    static final int POSITIVE = 2;

    /** Streams of the texts (salts of {@link Rng#of}), apart from every other stream of the generator. */
    static final int TICKET_STREAM = 21;
    static final int SURVEY_STREAM = 22;
    static final int INTERACTION_STREAM = 23;

    static final String[][] SUBJECTS = {
            {"Sync still broken after update", "Export failing again", "Repeated errors on login",
                    "Dashboard very slow, frustrating", "Integration keeps failing", "Users blocked, urgent problem",
                    "Reports wrong again", "Still no fix for the import bug", "Billing error on latest invoice",
                    "Data loss in the weekly report"},
            {"Question about SSO setup", "How to add a workspace", "Request: export to CSV",
                    "Change of billing contact", "API rate limit question", "Permissions for new team members",
                    "Renaming a project", "Time zone setting for reports"},
            {"Thanks for the quick fix", "Great new dashboards, one question", "Happy with the rollout, next steps",
                    "Kudos to the support team", "Love the new export, small request"}};

    static final String[][] DESCRIPTIONS = {
            {"We are very frustrated: this is the third time this month.",
                    "The team cannot work and leadership is not happy.",
                    "This is blocking our rollout and hurting adoption.",
                    "No answer for two days, really disappointed.",
                    "Honestly this is unacceptable for a paid plan."},
            {"Steps to reproduce are attached.", "Please advise on the recommended setup.",
                    "Seen by two users in the EU workspace.", "Screenshot attached for reference."},
            {"Thanks, the team loves the new reports.", "Not urgent, everything else works great.",
                    "Appreciate the help, very smooth so far."}};

    static final String[][] COMMENTS = {
            {"Too many problems lately and fixes are slow.", "Not happy with reliability this quarter.",
                    "Hard to justify the cost right now, disappointed.", "Frustrating outages, we are losing trust."},
            {"Does what we need.", "Reporting could cover more cases.", "We use it mainly for the weekly review."},
            {"Great product, the team loves it.", "Very helpful support and easy to use.",
                    "Reliable and better with every release, thank you!"}};

    static final String[][] SUMMARIES = {
            {"Tense review: the exec is unhappy with the outages.",
                    "Champion frustrated with slow fixes, renewal at risk.",
                    "Adoption stalled; the team is not convinced of the value.",
                    "Escalation call, the customer is angry about data errors."},
            {"Reviewed usage and open tickets.", "Walked through the roadmap and next steps.",
                    "Set training dates for new users."},
            {"Great review: strong adoption and a happy champion.", "Exec pleased with the results, keen to expand.",
                    "Productive session, the team is excited about the roadmap."}};

    private SampleTexts() {
    }

    /** How troubled the account is on a day, 0 (healthy) to 1, as its texts sound. */
    static double trouble(AccountPlan p, int day) {
        double usageDrop = Math.max(0, 1 - p.usageMultiplier(day));
        double quiet = p.suppression(AccountPlan.CHAMPION, day);
        double t = Math.max(p.supportSeverity(day), p.detractor(day) ? 0.8 : 0);
        return Math.min(1, Math.max(t, 1.5 * usageDrop + 0.5 * quiet));
    }

    /** A tone for a text written at the given trouble: negative grows with it, positive shrinks. */
    static int tone(Rng rng, double trouble, double positiveWhenHealthy) {
        double negative = 0.06 + 0.84 * trouble;
        double positive = positiveWhenHealthy * (1 - trouble);
        double u = rng.uniform();
        return u < negative ? NEGATIVE : u < negative + positive ? POSITIVE : NEUTRAL;
    }

    /** One text of the tone from the bank, encoded as tone * 100 + index. */
    static short pick(Rng rng, String[][] bank, int tone) {
        return (short) (tone * 100 + rng.between(0, bank[tone].length - 1));
    }

    static String text(String[][] bank, int code) {
        return code < 0 ? "" : bank[code / 100][code % 100];
    }
}
