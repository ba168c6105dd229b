package com.clubos.messages.packaged;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar) started as ops start it: its own process,
 * the production profile, and nothing but the environment variables given (no inherited ones).
 */
final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String TEST_DB =
            System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/clubos_messages_test");

    final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar with exactly {@code env} (plus PORT) and waits until it is ready. */
    static ServiceProcess start(String name, Map<String, String> env) throws Exception {
        try {
            return startOnce(name, env);
        } catch (AssertionError e) {
            // A port found free can be taken by an outgoing connection before the service binds it.
            if (!String.valueOf(e.getMessage()).contains("seems to be in use")) {
                throw e;
            }
            return startOnce(name, env);
        }
    }

    private static ServiceProcess startOnce(String name, Map<String, String> env) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("clubos-" + name + "-", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        ServiceProcess service = new ServiceProcess(port, builder.start(), log);
        service.awaitReady();
        return service;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The service exited (" + process.exitValue() + "):\n" + output());
            }
            try {
                HttpResponse<Void> ready = client.send(
                        HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The service did not become ready:\n" + output());
    }

    /** kill -9: no shutdown hook, no clean hand-over; whatever was in flight is cut off. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A database of its own for one test class, empty: beside the test database, named after it. */
    static String freshDatabase(String suffix) throws Exception {
        int slash = TEST_DB.lastIndexOf('/');
        String name = TEST_DB.substring(slash + 1).replaceAll("\\?.*", "") + "_" + suffix;
        try (Connection admin =
                DriverManager.getConnection(TEST_DB.substring(0, slash) + "/postgres", "postgres", "")) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            admin.createStatement().execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** The single number a query answers ({@code select count(*) …}) in one of those databases. */
    static long count(String database, String sql) throws Exception {
        try (Connection db =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
                ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
