package com.clubos.messages.packaged;

import com.clubos.messages.support.Concurrently;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * The fault harness's OpenPhone stand-in (bench/fake_openphone.py, stdlib Python) as its own process for
 * tests of the packaged service: it keeps every text it accepted, so a send cut off mid-call is looked up
 * rather than resent, and it can be told to answer slowly or with errors.
 */
final class FakeOpenPhone implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int port;
    private final Process process;

    private FakeOpenPhone(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts it on a free port and waits until it answers, so that a service started afterwards cannot
     * pick the same port.
     */
    static FakeOpenPhone start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(
                        "python3", Path.of("bench", "fake_openphone.py").toString(), String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        FakeOpenPhone fake = new FakeOpenPhone(port, process);
        if (!Concurrently.eventually(fake::answers, 30_000)) {
            fake.close();
            throw new AssertionError("bench/fake_openphone.py did not start on port " + port);
        }
        return fake;
    }

    /** What the service's OPENPHONE_BASE_URL must be. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The text of each send it accepted and kept, in the order received (a text sent twice is listed twice). */
    List<String> acceptedTexts() throws Exception {
        String received = HTTP.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/_received"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return received.lines()
                .map(line -> line.split("\t", -1))
                .filter(f -> f.length >= 5 && "POST".equals(f[1]) && f[2].startsWith("stored"))
                .map(f -> f[4])
                .toList();
    }

    /** How it answers from now on: "ok", "429", "500", "slow" or "reset", after {@code delay} seconds. */
    void mode(String mode, double delay) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/_mode"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"mode\":\"" + mode + "\",\"delay\":" + delay + "}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private boolean answers() {
        try {
            acceptedTexts();
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
