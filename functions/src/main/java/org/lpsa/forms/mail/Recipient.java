package org.lpsa.forms.mail;

import java.time.ZoneId;

/** Who a meeting's email goes to: the name to greet, the address, and the zone its times are shown in. */
public record Recipient(String name, String email, ZoneId timeZone, boolean timeZoneGuessed) {}
