package com.clubos.messages.realtime;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Browsers cannot set headers on a WebSocket: an {@code access_token} query parameter on the
 * upgrade to /ws/messages is turned into the Authorization header the security layer checks.
 * Only on that path; the REST API never takes a token from the URL. The token is never logged.
 */
@ApplicationScoped
public class SocketTokenParameter {

    static final String PARAMETER = "access_token";

    void register(@Observes Router router) {
        router.route("/ws/messages").order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String token = ctx.request().getParam(PARAMETER);
            if (token != null && !token.isBlank() && ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                ctx.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
            ctx.next();
        });
    }
}
