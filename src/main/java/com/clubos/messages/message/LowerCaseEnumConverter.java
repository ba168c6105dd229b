package com.clubos.messages.message;

import jakarta.persistence.AttributeConverter;
import java.util.Locale;

/** Stores enums in their lower-case wire form, matching the CHECK constraints of the schema. */
public abstract class LowerCaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowerCaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return fromColumn(type, column);
    }

    /** The enum a column holds (null stays null), for rows read without an entity. */
    public static <E extends Enum<E>> E fromColumn(Class<E> type, String column) {
        return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
    }
}
