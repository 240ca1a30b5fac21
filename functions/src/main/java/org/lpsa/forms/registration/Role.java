package org.lpsa.forms.registration;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a registrant describes themself; the ids are a contract. */
public enum Role {
    POLICY_PRACTITIONER("policy-practitioner", "Policy practitioner"),
    GOVERNMENT_OFFICIAL("government-official", "Government official"),
    RESEARCHER("researcher", "Researcher or scholar"),
    CIVIL_SOCIETY("civil-society", "Civil society"),
    OTHER("other", "Other");

    private final String id;
    private final String label;

    Role(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<Role> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Role::id).toList();
    }
}
