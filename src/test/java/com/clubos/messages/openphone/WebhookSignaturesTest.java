package com.clubos.messages.openphone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Vectors computed independently (Python's hmac module) from OpenPhone's description of both schemes. */
class WebhookSignaturesTest {

    private static final byte[] BODY =
            "{\"id\":\"EVtest\",\"type\":\"message.received\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void openPhoneSchemeSignsTimestampDotRawBodyWithTheBase64DecodedSecret() {
        assertEquals(
                "hmac;1;1700000000000;aUN9lKPaBrdYr65M2jALbSQNnO5Efq5Uj7MnZOiVG9s=",
                WebhookSignatures.openPhoneHeader(
                        WebhookSignatures.key("c2VjcmV0LW9uZS1mb3ItdGVzdHM="), "1700000000000", BODY));
    }

    @Test
    void standardSchemeSignsIdDotTimestampDotRawBodyWithTheWhsecSecret() {
        assertEquals(
                "v1,6a0PuMHNm8R0S05C6I84sYJbWBTZdFc+1QfxmHNA3Hg=",
                WebhookSignatures.standardHeader(
                        WebhookSignatures.key("whsec_c2Vjb25kLXNlY3JldC1mb3ItdGVzdHM="), "msg_1", "1700000000", BODY));
    }
}
