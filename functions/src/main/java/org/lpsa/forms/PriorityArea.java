package org.lpsa.forms;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The Alliance's priority areas from the invitation; the ids are a contract (forms, API, admin tool). */
public enum PriorityArea {
    KNOWLEDGE_PRODUCTS("knowledge-products", "Knowledge products and datasets"),
    WEBINAR_TOPICS("webinar-topics", "Webinar topics"),
    ONLINE_COURSES("online-courses", "Online courses"),
    CONVENING("convening", "Other convening and knowledge sharing"),
    REGIONAL_CHAPTERS("regional-chapters", "Regional chapters"),
    COUNTRY_SUPPORT("country-support", "Country-level technical support and field building"),
    OTHER("other", "Other");

    private final String id;
    private final String label;

    PriorityArea(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<PriorityArea> byId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(PriorityArea::id).toList();
    }
}
