package com.clubos.messages.openphone;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock playing OpenPhone: the REST client is pointed at it, and so is the simulator's
 * outgoing webhook, so that tests can look at what it posts.
 */
public class OpenPhoneWireMock implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "wiremock-openphone-key";
    public static final String WEBHOOK_PATH = "/captured/openphone/webhook";
    /** Short enough for the timeout test, long enough for WireMock's ordinary answers. */
    public static final String READ_TIMEOUT = "PT2S";

    private static volatile WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    /** OpenPhone taking every send: 202 with a fresh AC… id, as its API answers. */
    public static void acceptEverySend(WireMockServer openPhone) {
        openPhone.stubFor(WireMock.post(WireMock.urlPathEqualTo("/v1/messages"))
                .willReturn(WireMock.aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"AC{{randomValue length=24 type='ALPHANUMERIC'}}\","
                                + "\"status\":\"sent\",\"direction\":\"outgoing\",\"to\":[\"+19025550111\"],"
                                + "\"from\":\"+19025550100\"}}")
                        .withTransformers("response-template")));
    }

    @Override
    public Map<String, String> start() {
        server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "openphone.base-url",
                server.baseUrl(),
                "openphone.api-key",
                API_KEY,
                "openphone.read-timeout",
                READ_TIMEOUT,
                "openphone.simulator.webhook-url",
                server.baseUrl() + WEBHOOK_PATH);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
