package com.clubos.messages.conversation;

import com.clubos.messages.message.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class InboxStatusConverter extends LowerCaseEnumConverter<InboxStatus> {
    public InboxStatusConverter() {
        super(InboxStatus.class);
    }
}
