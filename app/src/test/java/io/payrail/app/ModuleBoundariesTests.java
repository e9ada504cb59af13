package io.payrail.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map of docs/architecture.md, checked on the compiled classes of every module.
 * Arrows only go down: app, domains, adapters, runtime. Domains see each other only through
 * their published {@code api} packages; {@code ach} is a library that depends on no other module.
 */
class ModuleBoundariesTests {
    private static final String[] RUNTIME = {
        "io.payrail.platform..", "io.payrail.store..", "io.payrail.bus..", "io.payrail.queue..",
        "io.payrail.function..", "io.payrail.http.."
    };
    private static final String[] DOMAINS = {"io.payrail.ledger.."};
    private static final String[] ADAPTERS = {"io.payrail.ach..", "io.payrail.bank.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.payrail");
    }

    @Test
    void every_module_is_on_the_class_path_of_the_check() {
        for (String module : new String[] {"platform", "store", "bus", "queue", "function", "http", "ach", "bank", "ledger", "app"}) {
            boolean found = classes.stream().anyMatch(type -> type.getPackageName().startsWith("io.payrail." + module));
            org.assertj.core.api.Assertions.assertThat(found).as("classes of module %s imported", module).isTrue();
        }
    }

    @Test
    void the_runtime_knows_nothing_of_adapters_domains_or_the_app() {
        noClasses().that().resideInAnyPackage(RUNTIME)
                .should().dependOnClassesThat().resideInAnyPackage(concat(DOMAINS, ADAPTERS, new String[] {"io.payrail.app.."}))
                .check(classes);
    }

    @Test
    void ach_is_a_standalone_library() {
        noClasses().that().resideInAPackage("io.payrail.ach..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(RUNTIME, DOMAINS, new String[] {"io.payrail.bank..", "io.payrail.app.."}))
                .check(classes);
    }

    @Test
    void adapters_do_not_reach_up_into_domains_or_the_app() {
        noClasses().that().resideInAnyPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage(concat(DOMAINS, new String[] {"io.payrail.app.."}))
                .check(classes);
    }

    @Test
    void domains_do_not_depend_on_the_app() {
        noClasses().that().resideInAnyPackage(DOMAINS)
                .should().dependOnClassesThat().resideInAPackage("io.payrail.app..")
                .check(classes);
    }

    @Test
    void outside_a_domain_only_its_api_package_is_used() {
        noClasses().that().resideOutsideOfPackage("io.payrail.ledger..")
                .should().dependOnClassesThat().resideInAPackage("io.payrail.ledger.internal..")
                .check(classes);
    }

    @Test
    void internal_packages_of_runtime_modules_stay_inside_their_module() {
        for (String module : new String[] {"platform", "store", "bus", "queue", "function", "http", "ach", "bank"}) {
            noClasses().that().resideOutsideOfPackage("io.payrail." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.payrail." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void modules_have_no_cycles() {
        slices().matching("io.payrail.(*)..").should().beFreeOfCycles().check(classes);
    }

    private static String[] concat(String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
