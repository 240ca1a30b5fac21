package org.lpsa.forms.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The emails the items of one table owe: what names an item, and which email an item owes in its
 * state. Each table that owes email has one ({@code RegistrationEmails}, {@code IdeaEmails}); the mailer
 * and the sweeper are handed them, so mail knows no table of its own.
 */
public interface OwedEmails {
    /** The table whose items owe these emails. */
    String table();

    /** The key attributes of an item of the table. */
    List<String> keyNames();

    /** The email a claimed item owes; throws when the item cannot be read. */
    OwedEmail owedBy(Map<String, AttributeValue> item);

    /** Every email of this kind composed for synthetic people (priming): nothing is stored or sent. */
    List<OutgoingEmail> rehearsals(Instant now);
}
