package org.lpsa.forms.mail;

/** One row of an email's facts table ("Your time", "UTC", "Length", "Where"), and a line of its text version. */
public record EmailFact(String label, String value) {}
