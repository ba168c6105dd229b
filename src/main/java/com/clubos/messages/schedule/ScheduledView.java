package com.clubos.messages.schedule;

import com.clubos.messages.message.MessageView;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A scheduled message as the list shows it: the message, and who and where it goes to. */
public record ScheduledView(@JsonUnwrapped MessageView message, String customerName, String lineName) {}
