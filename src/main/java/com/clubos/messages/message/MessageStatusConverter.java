package com.clubos.messages.message;

import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class MessageStatusConverter extends LowerCaseEnumConverter<MessageStatus> {
    public MessageStatusConverter() {
        super(MessageStatus.class);
    }
}
