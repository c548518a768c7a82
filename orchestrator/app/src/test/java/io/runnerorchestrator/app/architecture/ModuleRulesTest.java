package io.runnerorchestrator.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module layout as rules over the production classes of every module on app's class path (see
 * docs/architecture.md): Maven keeps a module from compiling against what it does not declare; these
 * rules say what a module may declare.
 */
class ModuleRulesTest {

    private static final String CORE = "io.runnerorchestrator.core..";
    private static final String PORTS = "io.runnerorchestrator.core.port..";
    private static final String CONFIG = "io.runnerorchestrator.core.config..";
    private static final String ADAPTERS = "io.runnerorchestrator.adapter..";
    private static final String DEMO = "io.runnerorchestrator.demo..";
    private static final String APP = "io.runnerorchestrator.app..";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runnerorchestrator");

    @Test
    void everyModuleIsImported() {
        assertThat(PRODUCTION.stream().map(c -> c.getPackageName().replaceAll("^io\\.runnerorchestrator\\.", "")))
                .contains("core", "core.port", "adapter.github", "adapter.docker", "adapter.swarm", "adapter.redis",
                        "adapter.simulated", "demo", "app.config");
    }

    @Test
    void coreUsesOnlyTheJdkAndSlf4j() {
        classes().that().resideInAPackage(CORE)
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.slf4j..", CORE))
                .check(PRODUCTION);
    }

    @Test
    void adaptersAndTheDemoSeeOnlyCorePortsAndSettings() {
        noClasses().that().resideInAnyPackage(ADAPTERS, DEMO)
                .should().dependOnClassesThat(resideInAPackage(CORE).and(not(resideInAnyPackage(PORTS, CONFIG))))
                .check(PRODUCTION);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        slices().matching("io.runnerorchestrator.adapter.(*)..").should().notDependOnEachOther().check(PRODUCTION);
    }

    @Test
    void nothingImportsApp() {
        noClasses().that().resideOutsideOfPackage(APP).should().dependOnClassesThat().resideInAPackage(APP)
                .check(PRODUCTION);
    }

    /** ORCHESTRATOR_BACKEND picks a backend through its provider; app never names a backend's classes. */
    @Test
    void appChoosesBackendsByNameOnly() {
        noClasses().that().resideInAPackage(APP)
                .should().dependOnClassesThat().resideInAnyPackage("io.runnerorchestrator.adapter.docker..",
                        "io.runnerorchestrator.adapter.swarm..")
                .check(PRODUCTION);
    }
}
