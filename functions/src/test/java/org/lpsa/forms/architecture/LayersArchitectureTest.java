package org.lpsa.forms.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Domain and edge apart: services, repositories and the mailer know nothing of HTTP (status codes,
 * requests, pages, form decoding); they take checked commands and throw {@code Refused}, which only the
 * HTTP edge turns into answers. So the admin tool or another function can use them as they are.
 */
class LayersArchitectureTest {
    private static final JavaClasses FUNCTIONS = new ClassFileImporter().importPath(Path.of("target/classes"));

    static final ArchRule DOMAIN_WITHOUT_HTTP = noClasses()
            .that().haveSimpleNameEndingWith("Service")
            .or().haveSimpleNameEndingWith("Repository")
            .or().haveNameMatching("org\\.lpsa\\.forms\\.mail\\.(Mailer|PendingEmails|DueEmails|EmailSender|EmailStatus)(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("org.lpsa.forms.http..")
            .because("only the HTTP edge knows status codes, requests and pages");

    /**
     * A registration goes http -> registration -> mail and never back up: mail is handed what each table
     * owes ({@code OwedEmails}) by the outbox, the one composition root that knows both sides.
     */
    static final ArchRule MAIL_BELOW_THE_FEATURES = noClasses()
            .that().resideInAPackage("org.lpsa.forms.mail..")
            .should().dependOnClassesThat().resideInAnyPackage("org.lpsa.forms.registration..", "org.lpsa.forms.ideas..",
                    "org.lpsa.forms.inbound..", "org.lpsa.forms.outbox..", "org.lpsa.forms.digest..", "org.lpsa.forms.http..")
            .because("mail sends what it is handed; the features above it decide what is owed");

    static final ArchRule OUTBOX_IS_A_ROOT = noClasses()
            .that().resideOutsideOfPackage("org.lpsa.forms.outbox..")
            .should().dependOnClassesThat().resideInAPackage("org.lpsa.forms.outbox..")
            .because("the outbox composes the mail functions; nothing is built on it");

    static final ArchRule DIGEST_IS_A_ROOT = noClasses()
            .that().resideOutsideOfPackage("org.lpsa.forms.digest..")
            .should().dependOnClassesThat().resideInAPackage("org.lpsa.forms.digest..")
            .because("the digest reads every feature's tables for the admins; nothing is built on it");

    @Test
    void mailKnowsNoFeatureAboveIt() {
        MAIL_BELOW_THE_FEATURES.check(FUNCTIONS);
        OUTBOX_IS_A_ROOT.check(FUNCTIONS);
        DIGEST_IS_A_ROOT.check(FUNCTIONS);
    }

    @Test
    void theRuleCatchesMailThatReadsARegistrationItself() throws ClassNotFoundException {
        assertThrows(AssertionError.class, () -> MAIL_BELOW_THE_FEATURES.check(
                new ClassFileImporter().importClasses(Class.forName("org.lpsa.forms.mail.MailThatReachesUp"))));
    }

    @Test
    void servicesRepositoriesAndTheMailerKnowNothingOfHttp() {
        DOMAIN_WITHOUT_HTTP.check(FUNCTIONS);
    }

    @Test
    void theRuleCatchesAServiceThatThrowsAnHttpError() {
        assertThrows(AssertionError.class, () -> DOMAIN_WITHOUT_HTTP.check(
                new ClassFileImporter().importClasses(Offenders.HttpAwareService.class)));
    }
}
