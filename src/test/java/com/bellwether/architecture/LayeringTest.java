package com.bellwether.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of STYLE.md, checked on the compiled classes: ui → engine → domain, one way only. */
class LayeringTest {

    private static final String[] ENGINE = {
        "com.bellwether.store..", "com.bellwether.ingest..", "com.bellwether.sample..",
        "com.bellwether.scoring..", "com.bellwether.backtest..", "com.bellwether.alerts.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.bellwether");
    }

    @Test
    void engineNeedsNoToolkitAndNoScreens() {
        ArchRule rule = noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.bellwether.ui..", "com.bellwether.cli..")
                .because("the command line and the tests run the engine without JavaFX");
        rule.check(classes);
    }

    @Test
    void domainDependsOnNothingElseOfTheProject() {
        ArchRule rule = classes().that().resideInAPackage("com.bellwether.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.bellwether.domain..", "java..")
                .because("domain records are plain data");
        rule.check(classes);
    }

    @Test
    void theCommandLineDoesNotReachIntoScreens() {
        noClasses().that().resideInAPackage("com.bellwether.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.bellwether.ui..")
                .check(classes);
    }

    @Test
    void screensDoNotDependOnEachOther() {
        for (String screen : new String[] {"overview", "portfolio", "tuning", "account", "backtest", "importer", "alerts"}) {
            noClasses().that().resideInAPackage("com.bellwether.ui." + screen + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherScreens(screen))
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    private static String[] otherScreens(String screen) {
        return java.util.Arrays.stream(new String[] {"overview", "portfolio", "tuning", "account", "backtest", "importer", "alerts"})
                .filter(s -> !s.equals(screen)).map(s -> "com.bellwether.ui." + s + "..").toArray(String[]::new);
    }
}
