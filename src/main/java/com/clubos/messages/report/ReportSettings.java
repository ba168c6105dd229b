package com.clubos.messages.report;

import com.clubos.messages.line.LineDirectory;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** REPORTS_TIME_ZONE and BUSINESS_HOURS, checked once at start (a mistake stops the service, saying which). */
@Startup
@ApplicationScoped
public class ReportSettings {

    private final ZoneId defaultZone;
    private final BusinessHours businessHours;
    private final LineDirectory lines;

    public ReportSettings(ReportsConfig config, LineDirectory lines) {
        this.lines = lines;
        try {
            this.defaultZone = ZoneId.of(config.timeZone().strip());
        } catch (DateTimeException e) {
            throw new IllegalStateException("REPORTS_TIME_ZONE: '" + config.timeZone() + "' is not a time zone");
        }
        this.businessHours = BusinessHours.parse(config.businessHours().orElse(""), defaultZone);
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    public boolean businessHoursConfigured() {
        return businessHours.configured();
    }

    /** The schedules of {@code wanted} lines that have business hours (null: every line). */
    Map<String, BusinessHours.Schedule> schedules(String[] wanted) {
        List<String> candidates = wanted == null ? lines.numbers() : List.of(wanted);
        Map<String, BusinessHours.Schedule> schedules = new LinkedHashMap<>();
        for (String line : candidates) {
            businessHours.forLine(line, lines::resolve).ifPresent(schedule -> schedules.put(line, schedule));
        }
        return schedules;
    }
}
