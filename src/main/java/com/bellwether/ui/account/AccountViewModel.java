package com.bellwether.ui.account;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import com.bellwether.scoring.AccountScore;
import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.HealthScorer;
import com.bellwether.scoring.Portfolio;
import com.bellwether.scoring.ScoreGrid;
import com.bellwether.ui.BackgroundTask;

/** One account: its health as of the portfolio's date, and its score month by month before. */
public final class AccountViewModel {

    /** A point of the score history; NaN where the account had no score (not live, or no data). */
    public record HistoryPoint(LocalDate date, double score, double base) {
    }

    private record Loaded(AccountScore score, List<HistoryPoint> history) {
    }

    private final Executor background;
    private final HealthModel model;
    private final ReadOnlyObjectWrapper<AccountScore> score = new ReadOnlyObjectWrapper<>();
    private final ObservableList<HistoryPoint> history = FXCollections.observableArrayList();

    public AccountViewModel(Executor background, HealthModel model) {
        this.background = background;
        this.model = model;
    }

    public ReadOnlyObjectProperty<AccountScore> scoreProperty() {
        return score.getReadOnlyProperty();
    }

    public ObservableList<HistoryPoint> history() {
        return history;
    }

    /** Scores the account as of the date, and every month-end of the two years before, off the FX thread. */
    public void show(Portfolio portfolio, String accountId, LocalDate asOf) {
        BackgroundTask<Loaded> task = new BackgroundTask<>() {
            @Override
            protected Loaded call() {
                AccountScore now = new HealthScorer(model, portfolio).score(accountId, asOf);
                List<LocalDate> months = new ArrayList<>();
                for (int back = 24; back >= 1; back--) {
                    LocalDate month = asOf.minusMonths(back);
                    months.add(month.withDayOfMonth(month.lengthOfMonth()));
                }
                months.add(asOf);
                ScoreGrid grid = ScoreGrid.compute(model, portfolio, new int[] {portfolio.indexOf(accountId)}, months, this::isCancelled);
                List<HistoryPoint> points = new ArrayList<>();
                for (int j = 0; j < months.size(); j++) {
                    int p = grid.point(0, j);
                    boolean scored = grid.isLive(p);
                    points.add(new HistoryPoint(months.get(j), scored ? grid.score(p) : Double.NaN, scored ? grid.base(p) : Double.NaN));
                }
                return new Loaded(now, points);
            }
        };
        task.setOnSucceeded(e -> {
            history.setAll(task.getValue().history());
            score.set(task.getValue().score());
        });
        background.execute(task);
    }
}
