package com.bellwether.alerts;

/** Which alerts to list: any of owner, severity and rule id may be null for "any". */
public record AlertFilter(String owner, Severity severity, String ruleId) {

    public static final AlertFilter ANY = new AlertFilter(null, null, null);

    /** Whether the alert passes: what AlertStore's query asks of the rows, for alerts already read. */
    public boolean matches(Alert alert) {
        return (owner == null || owner.equals(alert.owner()))
                && (severity == null || severity == alert.severity())
                && (ruleId == null || ruleId.equals(alert.ruleId()));
    }

    public AlertFilter withOwner(String newOwner) {
        return new AlertFilter(newOwner, severity, ruleId);
    }

    public AlertFilter withSeverity(Severity newSeverity) {
        return new AlertFilter(owner, newSeverity, ruleId);
    }

    public AlertFilter withRule(String newRuleId) {
        return new AlertFilter(owner, severity, newRuleId);
    }
}
