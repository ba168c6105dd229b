package com.clubos.messages.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The time campaigns are released by; tests move it to show quiet hours and the cap at work. */
@ApplicationScoped
public class CampaignClock {

    public Instant now() {
        return Instant.now();
    }
}
