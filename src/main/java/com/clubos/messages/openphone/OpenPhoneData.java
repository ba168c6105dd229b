package com.clubos.messages.openphone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** OpenPhone's {@code {"data": …}} wrapper around a single resource or a plain list. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenPhoneData<T>(T data) {}
