package org.lpsa.forms.registration;

import java.time.ZoneId;
import java.util.List;

/** A registration that passed validation: trimmed, normalised, ready to store. */
public record RegistrationRequest(String email, String name, String organization, Role role, String country,
                                  List<String> interests, boolean newsletter, ZoneId timeZone,
                                  TimeZoneSource timeZoneSource, String invitedBy, String formVersion) {

    /** Where the zone the email uses came from: the person, their country, or the UTC default. */
    public enum TimeZoneSource { GIVEN, COUNTRY, DEFAULT }
}
