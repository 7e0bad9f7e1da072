package com.bellwether.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of STYLE.md, checked on the compiled classes, each layer's rule stated on its own:
 * domain ← store ← ingest ← scoring ← backtest, alerts ← app ← ui, cli; ui and cli never reach past app into store,
 * and nothing below ui knows JavaFX. The data generator ({@code sample}) stands apart: it writes a bundle as files
 * and depends on nothing of the project, so any layer from app up may use it.
 */
class LayeringTest {

    private static final String DOMAIN = "com.bellwether.domain..";
    private static final String STORE = "com.bellwether.store..";
    private static final String INGEST = "com.bellwether.ingest..";
    private static final String SCORING = "com.bellwether.scoring..";
    private static final String BACKTEST = "com.bellwether.backtest..";
    private static final String ALERTS = "com.bellwether.alerts..";
    private static final String SAMPLE = "com.bellwether.sample..";
    private static final String APP = "com.bellwether.app..";
    private static final String UI = "com.bellwether.ui..";
    private static final String CLI = "com.bellwether.cli..";

    private static final List<String> PROJECT = List.of(DOMAIN, STORE, INGEST, SCORING, BACKTEST, ALERTS, SAMPLE, APP, UI, CLI);

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.bellwether");
    }

    /** The project's packages other than the layer itself and those it may use. */
    private static String[] allBut(String... allowed) {
        List<String> allowedList = Arrays.asList(allowed);
        return PROJECT.stream().filter(p -> !allowedList.contains(p)).toArray(String[]::new);
    }

    private static ArchRule onlyOn(String layer, String... below) {
        String[] allowed = new String[below.length + 1];
        allowed[0] = layer;
        System.arraycopy(below, 0, allowed, 1, below.length);
        return noClasses().that().resideInAPackage(layer)
                .should().dependOnClassesThat().resideInAnyPackage(allBut(allowed));
    }

    @Test
    void domainDependsOnNothingElseOfTheProject() {
        classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
                .because("domain records are plain data")
                .check(classes);
    }

    @Test
    void storeDependsOnlyOnDomain() {
        onlyOn(STORE, DOMAIN).because("SQL lives in store, below everything that reads or writes through it").check(classes);
    }

    @Test
    void ingestDependsOnlyOnStoreAndDomain() {
        onlyOn(INGEST, STORE, DOMAIN).check(classes);
    }

    @Test
    void scoringDependsOnlyOnIngestStoreAndDomain() {
        onlyOn(SCORING, INGEST, STORE, DOMAIN).check(classes);
    }

    @Test
    void backtestDependsOnlyOnScoringAndBelow() {
        onlyOn(BACKTEST, SCORING, INGEST, STORE, DOMAIN).because("the backtest and the alerts are siblings").check(classes);
    }

    @Test
    void alertsDependOnlyOnScoringAndBelow() {
        onlyOn(ALERTS, SCORING, INGEST, STORE, DOMAIN).because("the backtest and the alerts are siblings").check(classes);
    }

    @Test
    void sampleDependsOnNothingElseOfTheProject() {
        onlyOn(SAMPLE).because("the generator writes a bundle as files, which the importer reads like any other")
                .check(classes);
    }

    @Test
    void appDependsOnTheEngineButNotOnScreensOrCommands() {
        onlyOn(APP, BACKTEST, ALERTS, SCORING, INGEST, STORE, DOMAIN, SAMPLE).check(classes);
    }

    @Test
    void commandsGoThroughTheApplicationLayer() {
        onlyOn(CLI, APP, BACKTEST, ALERTS, SCORING, INGEST, DOMAIN, SAMPLE)
                .because("a command calls the same app operations as the screens, and never a store").check(classes);
    }

    @Test
    void screensGoThroughTheApplicationLayer() {
        onlyOn(UI, APP, BACKTEST, ALERTS, SCORING, INGEST, DOMAIN, SAMPLE)
                .because("screens observe the workspace and call its operations, never a store").check(classes);
    }

    @Test
    void nothingBelowTheScreensNeedsTheToolkit() {
        noClasses().that().resideInAnyPackage(allBut(UI))
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the command line and the tests run everything below ui without JavaFX")
                .check(classes);
    }

    @Test
    void screensDoNotDependOnEachOther() {
        for (String screen : SCREENS) {
            noClasses().that().resideInAPackage("com.bellwether.ui." + screen + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherScreens(screen))
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    private static final String[] SCREENS = {"overview", "portfolio", "tuning", "account", "backtest", "importer", "alerts", "effects"};

    private static String[] otherScreens(String screen) {
        return Arrays.stream(SCREENS).filter(s -> !s.equals(screen)).map(s -> "com.bellwether.ui." + s + "..")
                .toArray(String[]::new);
    }
}
