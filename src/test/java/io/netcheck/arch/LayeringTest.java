package io.netcheck.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: front ends (slack, cli, schedule, config) → checks and verdict (check, checklist,
 * host, verdict, report, render, command) → probes and capture. Enforced here so a shortcut fails the build.
 */
class LayeringTest {
    static JavaClasses main;

    @BeforeAll
    static void load() {
        // The compiled main classes only: scanning every jar on the class path for the package took seconds.
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of("target", "classes"));
    }

    @Test
    void slackTypesStayInTheSlackPackage() {
        noClasses().that().resideOutsideOfPackage("io.netcheck.slack..").should().dependOnClassesThat()
                .resideInAPackage("com.slack..").check(main);
    }

    @Test
    void probesAndCaptureKnowNothingAbove() {
        noClasses().that().resideInAnyPackage("io.netcheck.probe..", "io.netcheck.capture..").should()
                .dependOnClassesThat().resideInAnyPackage("io.netcheck.check..", "io.netcheck.checklist..",
                        "io.netcheck.verdict..", "io.netcheck.report..", "io.netcheck.render..", "io.netcheck.command..",
                        "io.netcheck.host..", "io.netcheck.slack..", "io.netcheck.cli..", "io.netcheck.schedule..",
                        "io.netcheck.store..", "io.netcheck.config..", "io.netcheck.metrics..")
                .check(main);
    }

    @Test
    void checksAndVerdictsKnowNoFrontEnd() {
        noClasses().that().resideInAnyPackage("io.netcheck.check..", "io.netcheck.checklist..", "io.netcheck.verdict..",
                        "io.netcheck.report..", "io.netcheck.render..", "io.netcheck.command..", "io.netcheck.host..",
                        "io.netcheck.diff..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netcheck.slack..", "io.netcheck.cli..",
                        "io.netcheck.schedule..", "io.netcheck.store..", "io.netcheck.config..")
                .check(main);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.netcheck.(*)..").should().beFreeOfCycles().check(main);
    }
}
