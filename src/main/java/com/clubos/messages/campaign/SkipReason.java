package com.clubos.messages.campaign;

/** Why a recipient got no text; the wire names appear in counts and per recipient. */
public final class SkipReason {

    public static final String OPTED_OUT = "opted_out";
    public static final String FREQUENCY_CAP = "frequency_cap";
    public static final String MISSING_PLACEHOLDER = "missing_placeholder";
    public static final String NOT_A_MOBILE = "invalid_number";

    private SkipReason() {}
}
