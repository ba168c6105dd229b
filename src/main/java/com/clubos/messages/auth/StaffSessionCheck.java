package com.clubos.messages.auth;

import com.clubos.messages.api.SessionEnded;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Refuses (401) a token of ours whose account was deactivated or changed since it was issued. */
@ApplicationScoped
public class StaffSessionCheck implements SecurityIdentityAugmentor {

    private final StaffSessions sessions;

    public StaffSessionCheck(StaffSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Optional<Boolean> known = sessions.standsCached(token);
        if (known.isPresent()) {
            return known.get() ? Uni.createFrom().item(identity) : ended();
        }
        return context.runBlocking(() -> {
            if (!sessions.stands(token)) {
                throw SessionEnded.exception();
            }
            return identity;
        });
    }

    private static Uni<SecurityIdentity> ended() {
        return Uni.createFrom().failure(SessionEnded.exception());
    }
}
