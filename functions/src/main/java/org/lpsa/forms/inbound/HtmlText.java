package org.lpsa.forms.inbound;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** The readable text of an HTML-only message: paragraphs and line breaks kept, markup, styles and quotes gone. */
public final class HtmlText {
    private HtmlText() {}

    public static String toText(String html) {
        Document doc = Jsoup.parse(html);
        // quoted replies as mail programs mark them in HTML, and what is never shown
        doc.select("head, style, script, blockquote[type=cite], .gmail_quote, #divRplyFwdMsg, #appendonsend").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element e) {
                    switch (e.normalName()) {
                        case "br" -> out.append('\n');
                        case "li" -> out.append("\n- ");
                        case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "ul", "ol", "table", "blockquote" -> out.append('\n');
                        default -> { }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    switch (e.normalName()) {
                        case "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table" -> out.append("\n\n");
                        case "div", "tr" -> out.append('\n');
                        default -> { }
                    }
                }
            }
        }, doc.body());
        return out.toString().replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n[ \\t]+", "\n");
    }
}
