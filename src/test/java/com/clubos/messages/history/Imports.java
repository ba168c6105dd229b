package com.clubos.messages.history;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import com.clubos.messages.support.TestTokens;
import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** Starting imports through the admin API and waiting for them, as an admin would. */
final class Imports {

    static final String PATH = "/api/admin/imports";

    private Imports() {}

    static long start(String body) {
        return given().header("Authorization", TestTokens.bearer("admin"))
                .contentType("application/json")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("data.id");
    }

    static JsonPath get(long id) {
        return given().header("Authorization", TestTokens.bearer("admin"))
                .get(PATH + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the import is no longer running and answers its final view. */
    static JsonPath finished(long id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath view = get(id);
            if (!"running".equals(view.getString("data.state"))) {
                return view;
            }
            Thread.sleep(100);
        }
        fail("Import " + id + " still running after " + timeout + ": " + get(id).prettify());
        return null;
    }

    static JsonPath run(String body) throws InterruptedException {
        return finished(start(body), Duration.ofSeconds(60));
    }
}
