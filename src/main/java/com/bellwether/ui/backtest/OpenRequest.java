package com.bellwether.ui.backtest;

import java.time.LocalDate;

/** A request to open an account as it stood at a backtest cut-off. */
public record OpenRequest(String accountId, LocalDate asOf) {
}
