package com.clubos.messages.openphone;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Adds {@code Authorization: <api key>}: OpenPhone wants the raw key, no "Bearer" prefix. */
final class OpenPhoneAuthHeaders implements ClientHeadersFactory {

    private final String apiKey;

    OpenPhoneAuthHeaders(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public MultivaluedMap<String, String> update(
            MultivaluedMap<String, String> incomingHeaders, MultivaluedMap<String, String> clientOutgoingHeaders) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Authorization", apiKey);
        return headers;
    }

    @Override
    public String toString() {
        return "OpenPhoneAuthHeaders[key hidden]";
    }
}
