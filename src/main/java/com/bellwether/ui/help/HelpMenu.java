package com.bellwether.ui.help;

import java.util.List;

import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.MouseEvent;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Help menu of the navigation rail (glossary, guided tour, keyboard shortcuts, about) and F1, which opens the
 * glossary at the term under the pointer, or at the one of the focused control, or at its start.
 */
public final class HelpMenu {

    private final MenuButton button = new MenuButton("Help", new FontIcon(Feather.HELP_CIRCLE));
    private final GuidedTour tour;
    private final String stylesheet;
    private HelpWindow window;
    private Scene scene;
    /** The node the pointer was last over, for F1. */
    private Node pointed;

    /** @param stylesheet the workbench's stylesheet, for the help window */
    public HelpMenu(GuidedTour tour, String stylesheet) {
        this.tour = tour;
        this.stylesheet = stylesheet;
        button.setId("help-menu");
        button.setPopupSide(Side.RIGHT);
        button.setMaxWidth(Double.MAX_VALUE);
        MenuItem glossary = item("Glossary (F1)", "help-glossary", () -> window().show(HelpWindow.Page.GLOSSARY));
        MenuItem guided = item("Guided tour", "help-tour", tour::start);
        MenuItem shortcuts = item("Keyboard shortcuts", "help-shortcuts", () -> window().show(HelpWindow.Page.SHORTCUTS));
        MenuItem about = item("About Bellwether", "help-about", () -> window().show(HelpWindow.Page.ABOUT));
        button.getItems().setAll(List.of(glossary, guided, shortcuts, new SeparatorMenuItem(), about));
    }

    public MenuButton button() {
        return button;
    }

    public GuidedTour tour() {
        return tour;
    }

    /** F1 in this scene opens help; the scene's pointer is followed for the term under it. */
    public void installKeys(Scene scene) {
        this.scene = scene;
        scene.addEventFilter(MouseEvent.MOUSE_MOVED, e -> pointed = e.getPickResult().getIntersectedNode());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), this::openHelp);
    }

    /** Opens the glossary at the term under the pointer or of the focused control, else at its start. */
    public void openHelp() {
        List<Term> terms = pointed != null && pointed.getScene() == scene ? HelpTips.termsAround(pointed) : List.of();
        if (terms.isEmpty() && scene != null && scene.getFocusOwner() != null) {
            terms = HelpTips.termsAround(scene.getFocusOwner());
        }
        if (terms.isEmpty()) {
            window().show(HelpWindow.Page.GLOSSARY);
        } else {
            window().showTerm(terms.get(0));
        }
    }

    /** Opens the glossary at a term. */
    public void showTerm(Term term) {
        window().showTerm(term);
    }

    /** The help window, made when first asked for. */
    public HelpWindow window() {
        if (window == null) {
            window = new HelpWindow(scene == null ? null : scene.getWindow(), stylesheet);
        }
        return window;
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
