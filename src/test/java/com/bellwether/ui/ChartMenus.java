package com.bellwether.ui;

import java.util.concurrent.TimeUnit;

import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Window;

import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A chart's right-click menu in a screen test: asked for as a right click asks, and one of its items chosen. */
public final class ChartMenus {

    private ChartMenus() {
    }

    /**
     * Asks the node found by the query for its menu (the headless platform sends no menu request of its own for a
     * right click) and chooses the item with the text.
     */
    public static void choose(FxRobot robot, String query, String item) throws Exception {
        Node chart = robot.lookup(query).query();
        robot.interact(() -> {
            Bounds box = chart.localToScreen(chart.getBoundsInLocal());
            Event.fireEvent(chart, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 100, 100,
                    box.getMinX() + 100, box.getMinY() + 100, false, null));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> openMenu() != null);
        ContextMenu menu = openMenu();
        robot.interact(() -> {
            menu.getItems().stream().filter(i -> item.equals(i.getText())).findFirst().orElseThrow().fire();
            menu.hide();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static ContextMenu openMenu() {
        for (Window window : Window.getWindows()) {
            if (window instanceof ContextMenu menu && menu.isShowing()) {
                return menu;
            }
        }
        return null;
    }
}
