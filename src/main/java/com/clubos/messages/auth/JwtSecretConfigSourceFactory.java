package com.clubos.messages.auth;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * smallrye-jwt takes an HMAC secret only as a JWK: this turns the plain shared secret ClubOS uses
 * ({@code clubos.auth.jwt-secret}, env CLUBOS_JWT_SECRET) into the {@code {"kty":"oct","k":…}} form.
 * With no secret configured nothing is produced, and every token is refused.
 */
public class JwtSecretConfigSourceFactory implements ConfigSourceFactory {

    static final String SECRET_PROPERTY = "clubos.auth.jwt-secret";
    static final String VERIFY_KEY_PROPERTY = "smallrye.jwt.verify.secretkey";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue secret = context.getValue(SECRET_PROPERTY);
        if (secret == null || secret.getValue() == null || secret.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(
                Map.of(VERIFY_KEY_PROPERTY, toJwk(secret.getValue())), "clubos-jwt-secret", 275));
    }

    static String toJwk(String secret) {
        String k = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        return "{\"kty\":\"oct\",\"k\":\"" + k + "\"}";
    }
}
