package com.clubos.messages.openphone;

import com.github.tomakehurst.wiremock.WireMockServer;
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
