package com.clubos.messages.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How fast customers got a first answer. Median and 90th percentile (interpolated) of the answered
 * waiting periods, in seconds; the share answered within 5 and 15 minutes, of the periods answered or
 * still waiting past that mark (0-1, null without any); periods closed as done without an answer count
 * in neither. {@code answered} and {@code waiting} count periods.
 */
public record FirstResponse(
        @JsonProperty("median_seconds") Double medianSeconds,
        @JsonProperty("p90_seconds") Double p90Seconds,
        @JsonProperty("within_5m") Double within5m,
        @JsonProperty("within_15m") Double within15m,
        long answered,
        long waiting) {}
