package org.lpsa.forms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lpsa.forms.mail.CancellationEmail;
import org.lpsa.forms.registration.ManageHandler;

class TemplatesTest {
    private static final String TYPED = "<script>alert(1)</script> \" & Co";

    @Test
    void whatAPageShowsIsEscapedForWhereItStands() {
        String page = Templates.html("registration/templates/manage", new ManageHandler.Manage("tok\"en><b>", TYPED,
                "Friday", TYPED, "ana@example.org", TYPED, false, "/manage?step=delete&token=x", "Africa/Nairobi",
                java.util.List.of(new org.lpsa.forms.registration.PublicPages.Option("Africa/Nairobi", "Nairobi (Africa)")),
                java.util.List.of(new ManageHandler.Choice("other", TYPED, true)), true, "Send me the newsletter", true));
        assertFalse(page.contains("<script>"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
        assertTrue(page.contains("value=\"tok&#34;en>&lt;b>\""), "a token cannot leave its attribute: " + page);
        assertTrue(page.contains("<h1>Your registration</h1>"), "one heading, from the layout");
        assertTrue(page.contains("<main>"), "one main region, from the layout");
        assertTrue(page.contains("<option value=\"Africa/Nairobi\" selected>"), "the present zone is chosen: " + page);
        assertTrue(page.contains("value=\"other\" checked>"), "and the present interests");
    }

    @Test
    void anEmailsTextPartIsTextAndItsHtmlPartIsEscaped() {
        CancellationEmail.Model model = new CancellationEmail.Model("Dear Ana,", TYPED, "Friday 10 June",
                "https://forms.example.org/events/demo/register", "https://forms.example.org/privacy");
        String text = Templates.text("mail/templates/cancellationText", model);
        String html = Templates.html("mail/templates/cancellation", model);
        assertTrue(text.contains("Your registration for " + TYPED + " (Friday 10 June) is cancelled"), text);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }
}
