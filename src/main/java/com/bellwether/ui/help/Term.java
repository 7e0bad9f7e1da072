package com.bellwether.ui.help;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every term a customer-success user meets in the workbench, with its meaning in plain words: the one place the
 * tooltips, the glossary and docs/help.md take their text from.
 */
public enum Term {

    // The score and the model

    HEALTH_SCORE(Topic.SCORE, "Health score",
            "One number from 0 to 100 that sums up how healthy a customer looks: the weighted average of the category"
                    + " scores, plus any CSM adjustment. Higher is healthier; risk is 100 minus the score."),
    SCORE(Topic.SCORE, "Score",
            "An account's health score as of a date. Tables show the final score: the computed score plus any active"
                    + " CSM adjustment, kept between 0 and 100."),
    BASE_SCORE(Topic.SCORE, "Base score",
            "The score the model computes from the data alone, before any CSM adjustment is added."),
    BAND(Topic.SCORE, "Band",
            "Red, yellow or green: where the score falls against the band cut-offs. Red needs attention now, yellow"
                    + " needs watching, green is healthy."),
    BAND_CUT_OFF(Topic.SCORE, "Band cut-off",
            "The scores where one band ends and the next begins. By default red is below 40, yellow below 70 and green"
                    + " from 70 up; a lifecycle stage may have cut-offs of its own."),
    CATEGORY(Topic.SCORE, "Category",
            "A group of measures about one side of the relationship: adoption, engagement, support, relationship. Its"
                    + " score is the average of its measures' scores."),
    WEIGHT(Topic.SCORE, "Weight",
            "A category's share of the health score. The weights add up to 100%: a category weighing 40% moves the"
                    + " score 0.4 points for each point it moves."),
    MEASURE(Topic.SCORE, "Measure",
            "One signal read from the data, such as active users per licensed seat over the last 28 days or days since"
                    + " the last executive meeting, turned into 0 to 100 points by its scale."),
    SCALE(Topic.SCORE, "Scale",
            "How a measure's raw value becomes points from 0 to 100: which values count as bad and good, and what a"
                    + " missing value scores."),
    TREND_MEASURE(Topic.SCORE, "Trend",
            "A measure that compares an account with its own past (the change against the window before, a slope, the"
                    + " days since something last happened) rather than its level alone."),
    LIFECYCLE_STAGE(Topic.SCORE, "Lifecycle stage",
            "Where an account is in its life (onboarding, adoption, growth, renewal). A stage can weigh the categories and"
                    + " place the band cut-offs its own way, so a new customer is not judged like one about to renew."),
    SEGMENT(Topic.SCORE, "Segment",
            "A group of accounts by size or market (for example Enterprise, Mid-Market, SMB), used to break figures"
                    + " down."),
    ADJUSTMENT(Topic.SCORE, "CSM adjustment",
            "Points a CSM adds to or takes from an account's score, with a reason and an expiry date. It is bounded"
                    + " (±15 points by default), recorded in the audit trail and always shown apart from the computed"
                    + " score."),
    PLAYBOOK(Topic.SCORE, "Playbook",
            "The model's rules from a situation to an action: when a band, a measure or a category meets a rule's"
                    + " condition, its action is recommended."),
    EXPANSION_CANDIDATE(Topic.SCORE, "Expansion candidate",
            "An account where one of the model's expansion rules holds (for example green with nearly every seat in"
                    + " use): time for an expansion conversation."),
    NEXT_ACTION(Topic.SCORE, "Next action",
            "The recommended action for an account: the first playbook rule its situation meets, with its priority."),
    TOP_REASON(Topic.SCORE, "Top reason",
            "The measure that costs the account the most points, in words with its numbers."),
    MODEL(Topic.SCORE, "Model",
            "Everything that turns data into scores: the measures and their scales, the categories and weights, the"
                    + " band cut-offs, the lifecycle stages, the playbook and the alert rules."),
    MODEL_VERSION(Topic.SCORE, "Model version",
            "A saved, numbered copy of the model. Saving never changes the scores people see; activating a version"
                    + " does."),
    ACTIVE_VERSION(Topic.SCORE, "Active version",
            "The model version that scores the portfolio, the alerts and the account screen, named in the status"
                    + " bar."),
    DRAFT(Topic.SCORE, "Draft",
            "The model as edited on the Tuning screen and not yet saved. Its effect is previewed on the whole"
                    + " portfolio and on the backtest as you edit."),
    AS_OF(Topic.SCORE, "As-of date",
            "The date a score is computed for. Only data dated on or before it is read, so a past score is the one the"
                    + " model would have given that day."),
    STALE(Topic.SCORE, "Stale",
            "An account whose data stopped arriving (nothing for more than 35 days). It is scored as of its last day"
                    + " of data rather than as if the customer had gone silent, and raises no alerts."),
    CHANGE_30_DAYS(Topic.SCORE, "30-day change",
            "How many points the score moved since 30 days before: ▲ up, ▼ down. A move of 5 points or more counts as"
                    + " improved or declined."),

    // The portfolio

    ARR(Topic.PORTFOLIO, "ARR", "Annual recurring revenue: what the customer pays per year."),
    ARR_AT_RISK(Topic.PORTFOLIO, "ARR at risk", "The ARR of the accounts in the red or yellow band."),
    ACCOUNTS_PER_BAND(Topic.PORTFOLIO, "Accounts per band",
            "How many live accounts score in the band today, with their ARR."),
    IMPROVED(Topic.PORTFOLIO, "Improved", "Accounts whose score rose 5 points or more in the last 30 days."),
    DECLINED(Topic.PORTFOLIO, "Declined", "Accounts whose score fell 5 points or more in the last 30 days."),
    BAND_MIX(Topic.PORTFOLIO, "Band mix",
            "The share of accounts in each band, month by month: whether the portfolio as a whole is getting"
                    + " healthier."),
    CSM(Topic.PORTFOLIO, "CSM", "The customer success manager who owns the account."),

    // The backtest

    BACKTEST(Topic.BACKTEST, "Backtest",
            "A replay of history: at each past cut-off date every live account is scored with only what was known that"
                    + " day, then compared with whether it churned afterwards. It tells how well the score would have"
                    + " warned you."),
    CUT_OFF_DATE(Topic.BACKTEST, "Cut-off date",
            "A past date the backtest scores the accounts at, one a month by default (the step sets how often)."),
    HORIZON(Topic.BACKTEST, "Horizon",
            "How far after a cut-off date the backtest looks for a churn, 90 days by default. An account counts as a"
                    + " churner at a cut-off when it churns within the horizon."),
    POINT(Topic.BACKTEST, "Point", "One account scored at one cut-off date: the unit every backtest figure counts."),
    CHURNER(Topic.BACKTEST, "Churner", "A point whose account churned within the horizon after the cut-off."),
    CHURN_RATE(Topic.BACKTEST, "Churn rate", "The share of points whose account churned within the horizon."),
    CHURN_RATE_PER_BAND(Topic.BACKTEST, "Churn rate per band",
            "Of the accounts a band held at the cut-offs, the share that churned within the horizon. A useful score has"
                    + " a high rate in red and a low one in green."),
    ROC_AUC(Topic.BACKTEST, "ROC AUC",
            "The chance that a churner scored lower than a customer who stayed, for a pair picked at random. 0.5 is a"
                    + " coin toss, 1.0 ranks every churner below every other customer; 0.7 or more is useful."),
    ROC_CURVE(Topic.BACKTEST, "ROC curve",
            "For every possible cut-off, the share of churners flagged (up) against the share of other customers"
                    + " flagged by mistake (across). The further it bows to the top left, the better; ROC AUC is the"
                    + " area under it."),
    AVERAGE_PRECISION(Topic.BACKTEST, "Average precision",
            "How often the accounts flagged really churned, averaged as you flag more and more of the riskiest accounts."
                    + " Compare it with the churn rate: a score no better than chance gets about the churn rate."),
    PRECISION_RECALL_CURVE(Topic.BACKTEST, "Precision–recall curve",
            "For every possible cut-off, the precision of the accounts flagged against the share of churners caught."
                    + " Average precision sums it up."),
    PRECISION(Topic.BACKTEST, "Precision",
            "Of the accounts flagged (in the red band, say), the share that did churn. Low precision means many false"
                    + " alarms."),
    RECALL(Topic.BACKTEST, "Recall",
            "Of the accounts that churned, the share that had been flagged beforehand. Low recall means many churns"
                    + " went unwarned."),
    F1(Topic.BACKTEST, "F1",
            "Precision and recall in one number (their harmonic mean), from 0 to 1: high only when both are."),
    CONFUSION_MATRIX(Topic.BACKTEST, "Confusion matrix",
            "The four outcomes of flagging at a band cut-off, counted over the points: caught churns, false alarms,"
                    + " missed churns and rightly calm accounts."),
    FLAGGED(Topic.BACKTEST, "Flagged",
            "Counted as a warning: in the red band, or in red or yellow, depending on the matrix."),
    TRUE_POSITIVE(Topic.BACKTEST, "Caught (true positive)", "Flagged, and the account did churn: a warning that came true."),
    FALSE_POSITIVE(Topic.BACKTEST, "False alarm (false positive)",
            "Flagged, but the account did not churn within the horizon. Some are saves by the CSM; many mean wasted"
                    + " effort."),
    FALSE_NEGATIVE(Topic.BACKTEST, "Missed churn (false negative)",
            "Not flagged, yet the account churned within the horizon: a churn the score did not see coming."),
    TRUE_NEGATIVE(Topic.BACKTEST, "Rightly calm (true negative)", "Not flagged, and the account did not churn."),
    LIFT(Topic.BACKTEST, "Lift",
            "How much more often the riskiest accounts (the lowest-scoring 10%) churn than accounts overall. A lift of"
                    + " 3 means they churn three times as often; 1 means the score picks no better than chance."),
    CAPTURE(Topic.BACKTEST, "Capture",
            "The share of all churners found among the riskiest accounts: working the riskiest 10% would have reached"
                    + " this share of the churns."),
    LEAD_TIME(Topic.BACKTEST, "Lead time",
            "For a caught churn, the days from the account turning red (and staying red) to the churn: how long the"
                    + " team had to act."),
    ARR_WEIGHTED_RECALL(Topic.BACKTEST, "ARR-weighted recall",
            "Recall counted in money: the ARR of the churns that were caught (red before churning) as a share of the ARR"
                    + " of all churns."),
    BASELINE(Topic.BACKTEST, "Baseline",
            "A simple model the backtest also runs for comparison: equal weights, or usage only. A model worth keeping"
                    + " beats them."),

    // Alerts

    ALERT(Topic.ALERTS, "Alert",
            "A notice that something changed for an account (its band worsened, its score dropped, a playbook rule"
                    + " newly applies), with the numbers, the recommended action and an owner."),
    ALERT_RULE(Topic.ALERTS, "Alert rule",
            "A condition in the model that raises an alert, checked as of a date; after it fires for an account it"
                    + " waits a cool-down (30 days by default) before firing again."),
    SEVERITY(Topic.ALERTS, "Severity",
            "How urgent an alert is: critical, high, medium or low. It sets the due date of the CRM task."),
    ALERT_STATUS(Topic.ALERTS, "Alert status",
            "Where the alert's task stands: open, in progress (the owner has seen it), done (the action was taken) or"
                    + " dismissed (not worth acting on, with a reason). Every change is kept with who made it and when,"
                    + " in the task history; a CRM's tasks imported (tasks.csv) move it too."),
    CRM_TASK(Topic.ALERTS, "CRM task",
            "An open alert written as a task for your CRM, with its owner, priority and due date."),
    WEBHOOK(Topic.ALERTS, "Webhook", "An address the workbench posts each new alert to, so it reaches a chat or a CRM."),

    // The data

    BUNDLE(Topic.DATA, "Bundle",
            "A folder of CSV files (accounts, usage, tickets, interactions, surveys, outcomes, notes) or one JSON file,"
                    + " imported together."),
    MAPPING_PROFILE(Topic.DATA, "Mapping profile",
            "A description of how files in another shape map onto the bundle's columns, so exports import without"
                    + " hand editing."),
    SOURCE(Topic.DATA, "Source",
            "A place data arrives from by itself (a folder other tools export into, or a database query), synced on a"
                    + " schedule."),
    OUTCOME(Topic.DATA, "Outcome",
            "What happened to an account on a date: churn, renewal, expansion, contraction or reactivation.");

    /** The parts of the workbench the terms belong to, in the order the glossary lists them. */
    public enum Topic {
        SCORE("The score and the model"),
        PORTFOLIO("The portfolio"),
        BACKTEST("The backtest"),
        ALERTS("Alerts"),
        DATA("Data");

        private final String title;

        Topic(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Topic topic;
    private final String label;
    private final String definition;

    Term(Topic topic, String label, String definition) {
        this.topic = topic;
        this.label = label;
        this.definition = definition;
    }

    public Topic topic() {
        return topic;
    }

    /** The term as the screens write it. */
    public String label() {
        return label;
    }

    /** What it means, in a sentence or three. */
    public String definition() {
        return definition;
    }

    /** Whether the term's name or meaning contains every word of the query, in any case. */
    public boolean matches(String query) {
        String haystack = (label + " " + definition).toLowerCase(Locale.ROOT);
        return Arrays.stream(query.toLowerCase(Locale.ROOT).trim().split("\\s+"))
                .allMatch(word -> word.isEmpty() || haystack.contains(word));
    }

    /** Every term, by topic, in the order of this enum within a topic. */
    public static List<Term> byTopic() {
        return Arrays.stream(values())
                .sorted(java.util.Comparator.comparing(Term::topic))
                .toList();
    }

    /** The glossary as a Markdown document (docs/help.md's glossary section). */
    public static String markdownGlossary() {
        StringBuilder text = new StringBuilder();
        Topic current = null;
        for (Term term : byTopic()) {
            if (term.topic != current) {
                current = term.topic;
                text.append(text.length() == 0 ? "" : "\n").append("### ").append(current.title()).append("\n\n");
            }
            text.append("- **").append(term.label).append("**: ").append(term.definition).append('\n');
        }
        return text.toString();
    }
}
