package com.clubos.messages.api;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The port this service answers HTTP on, for the links and calls it makes to itself (the setup link,
 * the simulator's webhooks). Tests run on quarkus.http.test-port; quarkus.http.port does not always
 * read as it there (it reads 8080 with the JaCoCo extension, or with -Dquarkus.http.test-port given on
 * the command line), so the test port is taken explicitly.
 */
@ApplicationScoped
public class ListeningPort {

    private final int port;

    public ListeningPort(
            @ConfigProperty(name = "quarkus.http.port") int port,
            @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081") int testPort) {
        this.port = LaunchMode.current() == LaunchMode.TEST ? testPort : port;
    }

    public int port() {
        return port;
    }
}
