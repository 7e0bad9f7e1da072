package com.bellwether.ui.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.SamplePortfolio;
import com.bellwether.ui.ChartPicture;
import com.bellwether.ui.FakeDialogs;

/** A backtest chart saved and copied as a picture people can paste, and the report exported to Excel from the menu. */
@ExtendWith(ApplicationExtension.class)
class ChartPictureScreenTest {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
    private static com.bellwether.scoring.Portfolio portfolio;

    @TempDir
    Path folder;

    private BacktestViewModel viewModel;
    private final FakeDialogs dialogs = new FakeDialogs();

    @BeforeAll
    static void importTheSample() throws Exception {
        portfolio = SamplePortfolio.portfolio();
    }

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        viewModel = new BacktestViewModel(BACKGROUND, List.of());
        viewModel.setPortfolio(portfolio, HealthModel.defaultModel());
        stage.setScene(new Scene(new BacktestView(viewModel, dialogs).root(), 1280, 900));
        stage.show();
    }

    @Test
    void aChartIsSavedAndCopiedAtAReadableSizeWithItsTitleAndTheReportExportsToExcel(FxRobot robot) throws Exception {
        robot.interact(() -> {
            viewModel.fromProperty().set(LocalDate.parse("2025-01-01"));
            viewModel.toProperty().set(LocalDate.parse("2025-12-01"));
        });
        robot.clickOn("#backtest-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> viewModel.reportProperty().get() != null && !viewModel.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        LineChart<?, ?> roc = robot.lookup("#backtest-roc").queryAs(LineChart.class);
        Parent card = roc.getParent();
        int index = ((Pane) card).getChildrenUnmodifiable().indexOf(roc);
        double width = roc.getWidth();
        assertThat(viewModel.chartCaption()).startsWith(HealthModel.defaultModel().name())
                .contains("cut-offs 2025-01-01 to 2025-12-01").contains("horizon 90 days");

        dialogs.saveTo = folder.resolve("roc.png");
        robot.clickOn("#backtest-png-roc");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(dialogs.saveTo)
                && viewModel.statusProperty().get().startsWith("Wrote"));
        WaitForAsyncUtils.waitForFxEvents();

        BufferedImage png = ImageIO.read(dialogs.saveTo.toFile());
        assertThat(png.getWidth()).isEqualTo(1600);
        assertThat(png.getHeight()).isEqualTo(1000);
        assertThat(colours(png, 0, 0, 1600, 1000)).as("a drawn chart, not a blank image").isGreaterThan(50);
        assertThat(colours(png, 0, 0, 1600, 120)).as("the title and caption drawn above the chart").isGreaterThan(10);
        assertThat(roc.getParent()).as("the chart is back in its card").isSameAs(card);
        assertThat(card.getChildrenUnmodifiable().indexOf(roc)).isEqualTo(index);
        assertThat(roc.getWidth()).isEqualTo(width);

        robot.clickOn("#backtest-copy-roc");
        WaitForAsyncUtils.waitForFxEvents();
        Image copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getImage()).get();
        assertThat(copied).isNotNull();
        assertThat(copied.getWidth()).isEqualTo(ChartPicture.WIDTH * ChartPicture.SCALE);
        assertThat(viewModel.statusProperty().get()).startsWith("Copied the chart ROC curve");

        dialogs.saveTo = folder.resolve("report");
        robot.interact(() -> robot.lookup("#backtest-export").queryAs(SplitMenuButton.class).getItems().get(0).fire());
        Path workbook = folder.resolve("report.xlsx");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(workbook)
                && viewModel.statusProperty().get().startsWith("Wrote the report"));
        try (ReadableWorkbook read = new ReadableWorkbook(workbook.toFile())) {
            assertThat(read.getSheets().map(Sheet::getName)).containsExactly("Headline", "Cut-offs", "Segments and stages", "Misses");
            assertThat(read.findSheet("Cut-offs").orElseThrow().read()).hasSize(12 + 1);
        }
    }

    private static int colours(BufferedImage image, int x0, int y0, int x1, int y1) {
        Set<Integer> seen = new HashSet<>();
        for (int y = y0; y < y1; y += 2) {
            for (int x = x0; x < x1; x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
