package com.bellwether.ui.portfolio;

import com.bellwether.scoring.AccountScore;
import com.bellwether.domain.Account;

/**
 * One line of the portfolio table: the account as it stood at the portfolio's date, its health then, and whether it
 * is an expansion candidate (one of the model's expansion rules holds).
 */
public record AccountRow(Account account, AccountScore score, boolean expansionCandidate) {

    /** A row that is no expansion candidate. */
    public AccountRow(Account account, AccountScore score) {
        this(account, score, false);
    }

    /** The row, a candidate when one of the actions recommended comes from one of these expansion rules. */
    static AccountRow of(Account account, AccountScore score, java.util.Set<String> expansionRules) {
        return new AccountRow(account, score, !score.stale()
                && score.actions().stream().anyMatch(action -> expansionRules.contains(action.ruleId())));
    }

    /** The reason that costs the most points; for an account whose data stopped arriving, that it did. */
    public String topReason() {
        if (score.stale()) {
            return AccountScore.staleText(score.staleSince());
        }
        return score.reasons().isEmpty() ? "" : score.reasons().get(0).text();
    }

    public String nextAction() {
        return score.actions().isEmpty() ? "" : score.actions().get(0).title();
    }

    public double arr() {
        return account.arr() == null ? 0 : account.arr();
    }

    /** True when the account's id, name, segment, CSM or stage contains the text (case-insensitive). */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String wanted = text.toLowerCase(java.util.Locale.ROOT).trim();
        for (String field : new String[] {account.accountId(), account.name(), account.segment(), account.csm(), score.stage()}) {
            if (field != null && field.toLowerCase(java.util.Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }
}
