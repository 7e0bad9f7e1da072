package com.bellwether.ui.help;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.control.skin.TableHeaderRow;
import javafx.util.Duration;

/**
 * Attaches a term's plain-language meaning to what shows it: a label, a tile, a table column's header. The tip
 * shows soon after the pointer rests and stays long enough to be read; F1 over the same node opens the glossary at
 * the term.
 */
public final class HelpTips {

    static final String TIP = "bw-help-tip";
    static final String TIP_TITLE = "bw-help-tip-title";
    /** Where a node keeps its terms, in its properties. */
    static final String TERMS_KEY = "bellwether.help.terms";
    private static final String WATCHED_KEY = "bellwether.help.headers-watched";
    static final Duration SHOW_DELAY = Duration.millis(250);
    private static final Duration SHOW_DURATION = Duration.seconds(30);
    private static final double TIP_WIDTH = 380;

    private HelpTips() {
    }

    /** Gives the node a tooltip explaining the terms, and returns it; for a node showing a figure and its caption. */
    public static <N extends Node> N install(N node, Term... terms) {
        if (node == null || terms.length == 0) {
            return node;
        }
        node.getProperties().put(TERMS_KEY, List.of(terms));
        Tooltip tip = tooltip(terms);
        if (node instanceof Control control) {
            control.setTooltip(tip);
        } else {
            Tooltip.install(node, tip);
        }
        return node;
    }

    /** Gives the tab's title a tooltip explaining the terms. */
    public static javafx.scene.control.Tab install(javafx.scene.control.Tab tab, Term... terms) {
        tab.getProperties().put(TERMS_KEY, List.of(terms));
        tab.setTooltip(tooltip(terms));
        return tab;
    }

    /** Gives the column's header a tooltip explaining the term, once the table has drawn its headers. */
    public static <S, T> TableColumn<S, T> install(TableColumn<S, T> column, Term... terms) {
        column.getProperties().put(TERMS_KEY, List.of(terms));
        if (column.getTableView() != null) {
            watchHeaders(column.getTableView());
        }
        column.tableViewProperty().addListener((o, old, table) -> {
            if (table != null) {
                watchHeaders(table);
            }
        });
        return column;
    }

    /** A tooltip naming each term with its meaning, shown quickly and kept up while it is read. */
    public static Tooltip tooltip(Term... terms) {
        Tooltip tip = new Tooltip(terms.length == 1 ? terms[0].definition()
                : Arrays.stream(terms).map(t -> t.label() + ": " + t.definition()).collect(Collectors.joining("\n\n")));
        Label title = new Label(Arrays.stream(terms).map(Term::label).collect(Collectors.joining(", ")));
        title.getStyleClass().add(TIP_TITLE);
        tip.setGraphic(title);
        tip.setContentDisplay(ContentDisplay.TOP);
        tip.setGraphicTextGap(4);
        tip.setWrapText(true);
        tip.setMaxWidth(TIP_WIDTH);
        tip.setShowDelay(SHOW_DELAY);
        tip.setShowDuration(SHOW_DURATION);
        tip.getStyleClass().add(TIP);
        return tip;
    }

    /** The terms explained on this node or, failing that, on the nearest node around it; empty when none. */
    public static List<Term> termsAround(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            List<Term> terms = termsOf(at);
            if (!terms.isEmpty()) {
                return terms;
            }
        }
        return List.of();
    }

    /** The terms explained on this node itself (or on the column whose header it is). */
    @SuppressWarnings("unchecked")
    public static List<Term> termsOf(Node node) {
        Object terms = node.getProperties().get(TERMS_KEY);
        if (terms == null && node instanceof TableColumnHeader header && header.getTableColumn() != null) {
            terms = header.getTableColumn().getProperties().get(TERMS_KEY);
        }
        return terms == null ? List.of() : (List<Term>) terms;
    }

    /** Puts the tooltips on the headers of a table's columns with terms, now and whenever the headers are made anew. */
    private static void watchHeaders(TableView<?> table) {
        if (table.getProperties().putIfAbsent(WATCHED_KEY, Boolean.TRUE) != null) {
            return;
        }
        if (table.getSkin() != null) {
            headersOf(table);
        }
        table.skinProperty().addListener((o, old, skin) -> {
            if (skin != null) {
                headersOf(table);
            }
        });
    }

    private static void headersOf(TableView<?> table) {
        if (table.lookup(".column-header-background") instanceof TableHeaderRow row) {
            javafx.collections.ObservableList<TableColumnHeader> headers = row.getRootHeader().getColumnHeaders();
            headers.forEach(HelpTips::tipHeader);
            headers.addListener((ListChangeListener<TableColumnHeader>) change -> {
                while (change.next()) {
                    new ArrayList<>(change.getAddedSubList()).forEach(HelpTips::tipHeader);
                }
            });
        }
    }

    private static void tipHeader(TableColumnHeader header) {
        List<Term> terms = termsOf(header);
        if (!terms.isEmpty() && !header.getProperties().containsKey(TERMS_KEY)) {
            header.getProperties().put(TERMS_KEY, terms);
            Tooltip.install(header, tooltip(terms.toArray(Term[]::new)));
        }
    }
}
