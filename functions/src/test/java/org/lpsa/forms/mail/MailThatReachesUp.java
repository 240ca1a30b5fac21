package org.lpsa.forms.mail;

/** For the layers test only: a class of mail that reads a registration itself, which the rule must refuse. */
final class MailThatReachesUp {
    private MailThatReachesUp() {}

    static String whoIsOwed(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return org.lpsa.forms.registration.RegistrationRepository.fromItem(item).email();
    }
}
