package com.bellwether.domain;

public enum OutcomeEvent {
    CHURN, RENEWAL, EXPANSION, CONTRACTION, REACTIVATION
}
