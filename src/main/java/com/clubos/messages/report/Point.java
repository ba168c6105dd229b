package com.clubos.messages.report;

/**
 * One bucket of a time series: its start in the viewer's zone (ISO 8601 with offset), its value (a count,
 * or the median first response in seconds, null without any), and the value of the bucket at the same
 * place in the previous range (null when that range has fewer buckets).
 */
public record Point(String at, Number value, Number previous) {}
