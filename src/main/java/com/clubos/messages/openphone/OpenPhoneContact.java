package com.clubos.messages.openphone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A contact from {@code GET /v1/contacts}. The v1 API nests names and numbers in
 * {@code defaultFields} ({@code firstName}, {@code lastName}, {@code company}, {@code role},
 * {@code emails[]} and {@code phoneNumbers[]} of {@code {id, name, value}}); the newer Quo API puts
 * {@code firstName}/{@code lastName}/{@code company} at the top level. Both are read, every part may
 * be missing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenPhoneContact(
        String id,
        String externalId,
        String source,
        DefaultFields defaultFields,
        String firstName,
        String lastName,
        String company,
        Instant createdAt,
        Instant updatedAt) {

    /** "First Last", else the company, else nothing: what staff should see for the conversation. */
    public Optional<String> displayName() {
        Optional<DefaultFields> fields = Optional.ofNullable(defaultFields);
        String first = fields.map(DefaultFields::firstName).orElse(firstName);
        String last = fields.map(DefaultFields::lastName).orElse(lastName);
        String name = Stream.of(first, last)
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining(" "));
        if (!name.isEmpty()) {
            return Optional.of(name);
        }
        return Optional.ofNullable(fields.map(DefaultFields::company).orElse(company))
                .map(String::strip)
                .filter(c -> !c.isEmpty());
    }

    /** The contact's phone numbers as OpenPhone stores them (usually, not always, E.164). */
    public List<String> phoneNumbers() {
        if (defaultFields == null) {
            return List.of();
        }
        return defaultFields.phoneNumbers().stream()
                .map(Field::value)
                .filter(value -> value != null && !value.isBlank())
                .toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DefaultFields(
            String firstName,
            String lastName,
            String company,
            String role,
            List<Field> emails,
            List<Field> phoneNumbers) {

        public List<Field> emails() {
            return emails == null ? List.of() : emails;
        }

        public List<Field> phoneNumbers() {
            return phoneNumbers == null ? List.of() : phoneNumbers;
        }
    }

    /** A labelled value, e.g. {@code {"name":"mobile","value":"+19025550123"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Field(String id, String name, String value) {}
}
