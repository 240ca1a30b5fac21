package org.lpsa.forms.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.annotations.SdkInternalApi;
import software.amazon.awssdk.annotations.SdkProtectedApi;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * No class of ours speaks an AWS protocol: every AWS call goes through the SDK's client for the service.
 * The functions use only the SDK's public API (nothing it marks protected or internal, which changes
 * without notice), never sign a request, and never build or send an HTTP request themselves.
 */
class AwsCallsArchitectureTest {
    private static final JavaClasses FUNCTIONS = new ClassFileImporter().importPath(Path.of("target/classes"));

    static final ArchRule ONLY_THE_SDKS_PUBLIC_API = noClasses()
            .should().dependOnClassesThat().areAnnotatedWith(SdkProtectedApi.class)
            .orShould().dependOnClassesThat().areAnnotatedWith(SdkInternalApi.class)
            .because("the SDK's protected and internal API is its own business and changes without notice");

    static final ArchRule NO_SIGNING_OR_SENDING_OF_OUR_OWN = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.http.auth.aws..",
                    "software.amazon.awssdk.http.auth.spi.signer..", "software.amazon.awssdk.auth.signer..")
            .orShould().callMethod(SdkHttpFullRequest.class, "builder")
            .orShould().callMethod(SdkHttpRequest.class, "builder")
            .orShould().callMethod(HttpExecuteRequest.class, "builder")
            .orShould().callMethod(ExecutableHttpRequest.class, "call")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
            .orShould().dependOnClassesThat().resideInAPackage("java.net.http..")
            .because("signing and sending requests to AWS is what the SDK's clients are for");

    static final ArchRule NO_TABLE_SCANS = noClasses()
            .should().dependOnClassesThat().haveNameMatching("software\\.amazon\\.awssdk\\.services\\.dynamodb\\.model\\.Scan(Request|Response).*")
            .because("a function's reads must grow with what it needs, not with every item ever stored: query a key or an index");

    @Test
    void theFunctionsNeverScanATable() {
        NO_TABLE_SCANS.check(FUNCTIONS);
    }

    @Test
    void theFunctionsUseOnlyTheSdksPublicApi() {
        assertFalse(FUNCTIONS.isEmpty(), "the functions' classes were found");
        assertTrue(FUNCTIONS.contain(org.lpsa.forms.aws.AwsClients.class));
        ONLY_THE_SDKS_PUBLIC_API.check(FUNCTIONS);
    }

    @Test
    void theFunctionsNeitherSignNorSendRequestsThemselves() {
        NO_SIGNING_OR_SENDING_OF_OUR_OWN.check(FUNCTIONS);
    }

    @Test
    void theRulesCatchWhatTheyForbid() {
        JavaClasses offenders = new ClassFileImporter().importClasses(Offenders.ProtectedApiUser.class, Offenders.HandMadeCall.class,
                Offenders.OwnSigner.class);
        assertThrows(AssertionError.class, () -> ONLY_THE_SDKS_PUBLIC_API.check(
                new ClassFileImporter().importClasses(Offenders.ProtectedApiUser.class)));
        assertThrows(AssertionError.class, () -> NO_SIGNING_OR_SENDING_OF_OUR_OWN.check(
                new ClassFileImporter().importClasses(Offenders.HandMadeCall.class)));
        assertThrows(AssertionError.class, () -> NO_SIGNING_OR_SENDING_OF_OUR_OWN.check(
                new ClassFileImporter().importClasses(Offenders.OwnSigner.class)));
        assertThrows(AssertionError.class, () -> NO_TABLE_SCANS.check(new ClassFileImporter().importClasses(Offenders.Scanner.class)));
        assertFalse(offenders.isEmpty());
    }
}
