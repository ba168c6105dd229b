package com.clubos.messages.api;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every request carries an id: the caller's {@code X-Request-Id} when it is sane, else a new one.
 * It is echoed in the response and put in the logging context, so a log line (JSON in prod) can be
 * traced back to the request that caused it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String given = ctx.request().getHeader(HEADER);
            String id = given != null && SANE.matcher(given).matches()
                    ? given
                    : UUID.randomUUID().toString();
            // Quarkus keeps the MDC in the request's Vert.x context, so worker threads see it too.
            MDC.put(MDC_KEY, id);
            ctx.response().putHeader(HEADER, id);
            ctx.next();
        });
    }
}
