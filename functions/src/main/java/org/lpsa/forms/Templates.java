package org.lpsa.forms;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Pages and emails from jte templates compiled into Java at build time ({@code src/main/jte/html}, where
 * every {@code ${}} is escaped for where it stands in the HTML, and {@code src/main/jte/text} for emails'
 * plain-text parts). Each template takes one model, a record of what it shows.
 */
public final class Templates {
    private static final String PACKAGE = "org.lpsa.forms";
    private static final TemplateEngine HTML = TemplateEngine.createPrecompiled(null, ContentType.Html, null, PACKAGE);
    private static final TemplateEngine TEXT = TemplateEngine.createPrecompiled(null, ContentType.Plain, null, PACKAGE);

    private Templates() {}

    /** The HTML template {@code name} ("registration/templates/manage") filled from {@code model}. */
    public static String html(String name, Object model) {
        StringOutput out = new StringOutput(4096);
        HTML.render(name + ".jte", model, out);
        return out.toString();
    }

    /** The plain-text template {@code name} filled from {@code model}. */
    public static String text(String name, Object model) {
        StringOutput out = new StringOutput(2048);
        TEXT.render(name + ".jte", model, out);
        return out.toString();
    }
}
