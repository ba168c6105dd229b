package com.clubos.messages.message;

import java.util.Optional;

/** Names of customers known to the provider (its contacts), for conversations that start with a text. */
public interface CustomerNames {

    Optional<String> nameOf(String number);
}
