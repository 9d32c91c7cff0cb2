package org.bankcrm.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The few rules that keep the layout honest (see docs/architecture.md). */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.bankcrm");
    }

    @Test
    void theDomainDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("org.bankcrm.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bankcrm.service..", "org.bankcrm.web..")
                .check(classes);
    }

    @Test
    void servicesDoNotKnowTheWeb() {
        noClasses().that().resideInAPackage("org.bankcrm.service..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bankcrm.web..", "org.springframework.web..",
                        "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theWebDoesNotTouchRepositoriesOrTransactions() {
        noClasses().that().resideInAPackage("org.bankcrm.web..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .check(classes);
        noClasses().that().resideInAPackage("org.bankcrm.web..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .check(classes);
    }

    @Test
    void featuresOfTheDomainHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("org.bankcrm.domain.(*)..").should().beFreeOfCycles()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("org.bankcrm.domain.shared"))
                .check(classes);
    }

    @Test
    void onlyTheAccessPolicyRefusesAnAction() {
        // 403s come from one place; the domain guards its own invariants (reopening) with the same role rule.
        noClasses().that().resideInAnyPackage("org.bankcrm.service..", "org.bankcrm.web..")
                .and().doNotBelongToAnyOf(AccessPolicy.class)
                .should().callConstructor(ForbiddenException.class, String.class, Object[].class)
                .because("who may do what is decided by AccessPolicy alone")
                .check(classes);
        noClasses().that().doNotBelongToAnyOf(AccessPolicy.class)
                .should().callMethod(CurrentUser.class, "is", Role.class)
                .because("roles are compared to allow or refuse in AccessPolicy alone")
                .check(classes);
        methods().that().haveName("requireAdmin").or().haveNameStartingWith("requireSupervisor")
                .should().beDeclaredIn(AccessPolicy.class)
                .check(classes);
        methods().that().haveName("supervises")
                .should().beDeclaredInClassesThat().belongToAnyOf(AccessPolicy.class, Role.class)
                .check(classes);
    }

    @Test
    void textsAreReadAsDatesByIsoDates() {
        noClasses().that().doNotBelongToAnyOf(IsoDates.class)
                .should().callMethod(LocalDate.class, "parse", CharSequence.class)
                .orShould().callMethod(LocalDate.class, "parse", CharSequence.class, DateTimeFormatter.class)
                .because("IsoDates refuses dates beyond four-digit years, which overflowed further on (500s)")
                .check(classes);
    }

    @Test
    void theWebAsksThePolicyAndNeverBuildsScope() {
        noClasses().that().resideInAPackage("org.bankcrm.web..")
                .should().callMethod(CurrentUser.class, "is", Role.class)
                .orShould().callMethod(CurrentUser.class, "scope")
                .orShould().callMethod(Role.class, "supervises")
                .orShould().dependOnClassesThat().belongToAnyOf(Scope.class, Scope.Kind.class, ScopeSql.class)
                .because("the web asks AccessPolicy and the services what a user may see and do")
                .check(classes);
    }

    @Test
    void scopeBecomesAQueryConditionInOnePlace() {
        // A new kind of scope (a team, an approver's) is then a change in Scope, ScopeSql and AccessPolicy only.
        noClasses().that().resideOutsideOfPackage("org.bankcrm.service.org")
                .should().dependOnClassesThat().belongToAnyOf(Scope.Kind.class)
                .because("ScopeSql translates each kind of scope into SQL and JPA conditions")
                .check(classes);
    }

    @Test
    void webControllersArePackagePrivateOrFinal() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage("org.bankcrm.web..")
                .and().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().notBePublic()
                .check(classes);
    }

    /**
     * Background work has one home, the job mechanism (service.shared.JobsConfig): no hand-built executor, no
     * {@code @Scheduled} method, no lock of another scheduler beside it.
     */
    @Test
    void backgroundWorkRunsOnlyAsTasksOfTheJobMechanism() {
        noClasses().that().resideInAPackage("org.bankcrm..")
                .should().dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.core.task.TaskExecutor")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.scheduling.annotation.Scheduled")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService")
                .check(classes);
    }

    /**
     * D26: SQL strings live in the query and store classes of their feature (names ending in Query, Queries or
     * Store), so a report's SQL or a feature's writes are found by name; {@code service.shared} (infrastructure:
     * jobs, first start, replica routing) and {@code service.demo} are the exceptions.
     */
    @Test
    void sqlLivesInQueryAndStoreClasses() {
        DescribedPredicate<JavaClass> sqlHome = new DescribedPredicate<>("a Query, Queries or Store class") {
            @Override
            public boolean test(JavaClass c) {
                JavaClass top = c;
                while (top.getEnclosingClass().isPresent()) {
                    top = top.getEnclosingClass().get();
                }
                String name = top.getSimpleName();
                return name.endsWith("Query") || name.endsWith("Queries") || name.endsWith("Store");
            }
        };
        noClasses().that().resideInAPackage("org.bankcrm.service..")
                .and().resideOutsideOfPackages("org.bankcrm.service.shared..", "org.bankcrm.service.demo..")
                .and(DescribedPredicate.not(sqlHome))
                .should().dependOnClassesThat().haveFullyQualifiedName(JdbcClient.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(JdbcTemplate.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(NamedParameterJdbcTemplate.class.getName())
                .check(classes);
    }

    /**
     * No entity graphs (D61): Hibernate does not cache the plan of a query that carries one, so each read turned its
     * query into SQL again; the associations a page shows are fetched by joins written in the query instead.
     */
    @Test
    void noEntityGraphs() {
        methods().should().notBeAnnotatedWith(EntityGraph.class)
                .because("Hibernate caches no query plan with an entity graph; fetch joins are cached (D61)")
                .check(classes);
    }

    @Test
    void noControllerAdviceAddsToTheModel() {
        methods().that().areDeclaredInClassesThat().areMetaAnnotatedWith(ControllerAdvice.class)
                .should().notBeAnnotatedWith(ModelAttribute.class)
                .because("Spring runs an advice's model attributes before every handler, API answers and redirects "
                        + "included; the layout's are added to rendered pages only, by LayoutModel (D62)")
                .check(classes);
    }
}
