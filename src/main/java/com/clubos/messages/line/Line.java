package com.clubos.messages.line;

/**
 * One of our OpenPhone numbers, which is one club location.
 *
 * @param number      E.164
 * @param openphoneId {@code PN…} when OpenPhone told us, else null (a line only configured)
 * @param name        LOCATION_NAMES' name, else OpenPhone's, else the number
 */
public record Line(String number, String openphoneId, String name) {}
