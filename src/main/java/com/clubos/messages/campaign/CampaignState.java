package com.clubos.messages.campaign;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/**
 * A campaign's life: draft → running ⇄ paused → completed, and cancelled from draft, running or
 * paused. Completed and cancelled are final.
 */
public enum CampaignState {
    DRAFT,
    RUNNING,
    PAUSED,
    CANCELLED,
    COMPLETED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CampaignState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** The states an action may start from, and where it leads. */
    public enum Action {
        START(Set.of(DRAFT), RUNNING),
        PAUSE(Set.of(RUNNING), PAUSED),
        RESUME(Set.of(PAUSED), RUNNING),
        CANCEL(Set.of(DRAFT, RUNNING, PAUSED), CANCELLED);

        final Set<CampaignState> from;
        final CampaignState to;

        Action(Set<CampaignState> from, CampaignState to) {
            this.from = from;
            this.to = to;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
