package dev.converge.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module arrows point down only, as DESIGN.md draws them. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.converge");

    @Test
    void coreDependsOnNoKindAndNothingCliSpecific() {
        noClasses().that().resideInAPackage("dev.converge.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.converge.cli..", "dev.converge.files..",
                        "dev.converge.repos..", "dev.converge.remotes..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void kindsDoNotDependOnTheCliOrOnEachOther() {
        noClasses().that().resideInAnyPackage("dev.converge.files..", "dev.converge.repos..", "dev.converge.remotes..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.converge.cli..", "picocli..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.converge.files..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.converge.repos..", "dev.converge.remotes..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.converge.repos..", "dev.converge.remotes..")
                .should().dependOnClassesThat().resideInAPackage("dev.converge.files..")
                .allowEmptyShould(true) // until the Git kinds have classes on this branch
                .check(CLASSES);
    }
}
