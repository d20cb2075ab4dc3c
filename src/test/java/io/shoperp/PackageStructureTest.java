package io.shoperp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages tell the design: capabilities depend on each other one way only, and the mappers (Shopify facts to
 * ERPNext documents) are pure: the handlers that read and write ERPNext live in {@code sync}.
 */
class PackageStructureTest {

    private static final JavaClasses BRIDGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.shoperp");

    @Test
    void noPackageCycles() {
        slices().matching("io.shoperp.(**)").should().beFreeOfCycles().check(BRIDGE);
    }

    @Test
    void mappersDependOnNeitherHandlersNorInboxEvents() {
        noClasses().that().resideInAPackage("io.shoperp.mapping..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shoperp.sync..", "io.shoperp.ingest..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.shoperp.inbox.InboxEvent")
                .check(BRIDGE);
    }
}
