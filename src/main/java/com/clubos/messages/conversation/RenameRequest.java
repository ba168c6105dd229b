package com.clubos.messages.conversation;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** PATCH body: {@code {"customer_name": "…"}} (camelCase accepted too). */
public record RenameRequest(
        @JsonProperty("customer_name") @JsonAlias("customerName")
        String customerName) {}
