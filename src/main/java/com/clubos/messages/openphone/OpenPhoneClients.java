package com.clubos.messages.openphone;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.LaunchMode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Builds the one {@link OpenPhoneClient} of the application, on first use. It is built in code
 * rather than from {@code quarkus.rest-client.*} configuration because in simulator mode it must
 * point at this very service, whose port is only known at runtime.
 */
@ApplicationScoped
public class OpenPhoneClients {

    static final String SIMULATOR_PATH = "/openphone-simulator";
    // The simulator only checks that some key is sent, as OpenPhone would.
    private static final String SIMULATOR_KEY = "simulator";
    private static final Logger LOG = Logger.getLogger(OpenPhoneClients.class);

    private final OpenPhoneConfig config;
    private final int httpPort;
    private volatile OpenPhoneClient client;

    // Under @QuarkusTest the server listens on quarkus.http.test-port; quarkus.http.port still reads
    // 8080 when the test port is given on the command line (-Dquarkus.http.test-port=…).
    public OpenPhoneClients(
            OpenPhoneConfig config,
            @ConfigProperty(name = "quarkus.http.port") int httpPort,
            @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081") int testPort) {
        this.config = config;
        this.httpPort = LaunchMode.current() == LaunchMode.TEST ? testPort : httpPort;
    }

    public OpenPhoneClient client() {
        OpenPhoneClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build();
                    client = built;
                }
            }
        }
        return built;
    }

    /** Where requests go: OpenPhone, or the simulator on our own port. */
    public URI baseUri() {
        if (config.simulator()) {
            return URI.create("http://127.0.0.1:" + httpPort + SIMULATOR_PATH);
        }
        return URI.create(config.baseUrl().strip().replaceAll("/+$", ""));
    }

    private OpenPhoneClient build() {
        URI base = baseUri();
        String key = config.apiKey()
                .filter(k -> !k.isBlank())
                .map(String::strip)
                .orElseGet(() -> config.simulator() ? SIMULATOR_KEY : "");
        if (key.isEmpty()) {
            LOG.warn("OpenPhone client built without an API key: every call will be refused");
        }
        LOG.infof("OpenPhone client: %s", base);
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .clientHeadersFactory(new OpenPhoneAuthHeaders(key))
                // Should anyone turn on REST client logging, the key still stays out of it.
                .loggingMaskedHeaders(Set.of("Authorization"))
                .build(OpenPhoneClient.class);
    }

    @PreDestroy
    void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the OpenPhone client failed", e);
            }
        }
    }
}
