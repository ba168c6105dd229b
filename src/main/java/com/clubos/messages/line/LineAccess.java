package com.clubos.messages.line;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.auth.StaffSessions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides which lines a token's holder may use. Admins: every line. Our own accounts: the lines their
 * admin gave them (none given: every line). ClubOS users: the lines named in their token's {@code lines}
 * or {@code locations} claim (CLUBOS_JWT_LINES_CLAIM) as numbers, OpenPhone ids or location names; no
 * such claim: every line; a claim naming none of our lines: no line at all.
 */
@ApplicationScoped
public class LineAccess {

    private final LineDirectory lines;
    private final LinesConfig config;
    private final StaffSessions sessions;

    public LineAccess(LineDirectory lines, LinesConfig config, StaffSessions sessions) {
        this.lines = lines;
        this.config = config;
        this.sessions = sessions;
    }

    public LineScope scopeOf(JsonWebToken token) {
        if (token == null || token.getGroups() == null || token.getGroups().contains(Roles.ADMIN)) {
            return LineScope.EVERY_LINE;
        }
        if (StaffSessions.issuedByUs(token)) {
            List<String> given = sessions.linesOf(token);
            return given.isEmpty() ? LineScope.EVERY_LINE : LineScope.of(given);
        }
        return claimed(token)
                .map(entries -> LineScope.of(entries.stream()
                        .flatMap(entry -> lines.resolve(entry).stream())
                        .toList()))
                .orElse(LineScope.EVERY_LINE);
    }

    /** The entries of the first configured claim the token carries: a JSON array, or a comma-separated string. */
    private Optional<List<String>> claimed(JsonWebToken token) {
        for (String claim : config.tokenClaims()) {
            Object value = token.getClaim(claim.strip());
            if (value == null) {
                continue;
            }
            List<String> entries = new ArrayList<>();
            if (value instanceof Collection<?> collection) {
                collection.forEach(item -> entries.add(unquote(String.valueOf(item))));
            } else {
                for (String item : unquote(value.toString()).split(",")) {
                    entries.add(item.strip());
                }
            }
            return Optional.of(entries);
        }
        return Optional.empty();
    }

    /** JSON-P string values print with their quotes. */
    private static String unquote(String value) {
        String stripped = value.strip();
        return stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")
                ? stripped.substring(1, stripped.length() - 1)
                : stripped;
    }
}
