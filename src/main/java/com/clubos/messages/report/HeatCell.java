package com.clubos.messages.report;

/** Customers' texts in one hour of one weekday (1 = Monday … 7 = Sunday, hours 0-23, in the viewer's zone). */
public record HeatCell(int weekday, int hour, long value, long previous) {}
