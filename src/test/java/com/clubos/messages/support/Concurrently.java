package com.clubos.messages.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Fires many HTTP requests at the same moment and collects their status codes. */
public final class Concurrently {

    private Concurrently() {}

    public static List<Integer> post(
            String url, List<byte[]> bodies, java.util.function.Function<byte[], String[]> headers) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(bodies.size(), 64));
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (byte[] body : bodies) {
                results.add(pool.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .headers(headers.apply(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
                    start.await();
                    return client.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the calls at the same moment, each on its own thread, and answers their results in order. */
    public static <T> List<T> all(List<java.util.concurrent.Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (java.util.concurrent.Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls until the condition holds or the timeout passes; for effects that happen after a response. */
    public static boolean eventually(Supplier<Boolean> condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return true;
            }
            Thread.sleep(50);
        }
        return Boolean.TRUE.equals(condition.get());
    }
}
