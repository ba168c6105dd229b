package com.clubos.messages.message;

import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class MessageDirectionConverter extends LowerCaseEnumConverter<MessageDirection> {
    public MessageDirectionConverter() {
        super(MessageDirection.class);
    }
}
