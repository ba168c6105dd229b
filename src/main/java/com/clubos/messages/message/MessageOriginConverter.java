package com.clubos.messages.message;

import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class MessageOriginConverter extends LowerCaseEnumConverter<MessageOrigin> {
    public MessageOriginConverter() {
        super(MessageOrigin.class);
    }
}
