package org.lpsa.forms.outbox;

import java.time.Clock;
import java.util.List;
import org.lpsa.forms.Config;
import org.lpsa.forms.aws.AwsClients;
import org.lpsa.forms.aws.Priming;
import org.lpsa.forms.aws.TokenSecret;
import org.lpsa.forms.contacts.ContactRepository;
import org.lpsa.forms.events.EventRepository;
import org.lpsa.forms.ideas.IdeaEmails;
import org.lpsa.forms.mail.EmailSender;
import org.lpsa.forms.mail.Mailer;
import org.lpsa.forms.registration.LinkTokens;
import org.lpsa.forms.registration.RegistrationEmails;
import org.lpsa.forms.registration.RegistrationRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root of the functions that send what items owe (the stream mailer and the sweeper):
 * the one place that knows which tables owe which emails. Mail itself knows none of them.
 */
public final class Outbox {
    private Outbox() {}

    /** The tables the outbox reads: the two that owe email, and the two the emails need. */
    public record Tables(String events, String registrations, String ideas, String contacts) {
        public static Tables fromConfig(Config config) {
            return new Tables(config.require(Config.EVENTS_TABLE), config.require(Config.REGISTRATIONS_TABLE),
                    config.require(Config.IDEAS_TABLE), config.require(Config.CONTACTS_TABLE));
        }
    }

    /** The mailer as deployed, on the given clients and link-signing secret. */
    public static Mailer mailer(Config config, AwsClients clients, TokenSecret secret) {
        return mailer(clients.dynamoDb(), Tables.fromConfig(config),
                EmailSender.of(config, clients.sesV2(), clients.dynamoDb()),
                LinkTokens.of(secret),
                Mailer.Settings.fromConfig(config),
                Clock.systemUTC(), Integer.parseInt(config.get(Config.CONFIRMATIONS_PER_ADDRESS_PER_DAY,
                        Integer.toString(ContactRepository.CONFIRMATIONS_PER_DAY))));
    }

    /** The mailer for registrations' and ideas' emails, on what it is given, with the default confirmations cap. */
    public static Mailer mailer(DynamoDbClient dynamo, Tables tables, EmailSender sender, LinkTokens tokens, Mailer.Settings settings,
                                Clock clock) {
        return mailer(dynamo, tables, sender, tokens, settings, clock, ContactRepository.CONFIRMATIONS_PER_DAY);
    }

    public static Mailer mailer(DynamoDbClient dynamo, Tables tables, EmailSender sender, LinkTokens tokens, Mailer.Settings settings,
                                Clock clock, int confirmationsPerDay) {
        ContactRepository contacts = new ContactRepository(dynamo, tables.contacts());
        return new Mailer(dynamo, List.of(
                new RegistrationEmails(new RegistrationRepository(dynamo, tables.registrations()),
                        new EventRepository(dynamo, tables.events(), clock), contacts, tokens, settings, confirmationsPerDay),
                new IdeaEmails(tables.ideas(), contacts, settings)), contacts, sender, clock);
    }

    /** The reads that prime what the mailer and the sweeper call: the tables, SES (GetAccount) and the secret. */
    static void primeClients(Priming priming, Config config, AwsClients clients, TokenSecret secret) {
        Tables tables = Tables.fromConfig(config);
        priming.read(clients.dynamoDb(), tables.events(), "eventId")
                .read(clients.dynamoDb(), tables.registrations(), "eventId", "email")
                .read(clients.dynamoDb(), tables.ideas(), "ideaId")
                .read(clients.dynamoDb(), tables.contacts(), "email")
                .call(() -> clients.sesV2().getAccount(b -> { }))
                .step(secret::get)
                .onRestore(secret::expire);
    }
}
