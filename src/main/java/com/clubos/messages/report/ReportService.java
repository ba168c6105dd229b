package com.clubos.messages.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The reports. Each brings the waiting-period rollup up to date first (cheap: only conversations
 * changed since are recomputed), then reads every figure in one snapshot with SQL aggregations; no
 * message is loaded into Java.
 */
@ApplicationScoped
public class ReportService {

    private final ReportDatabase database;
    private final WaitingPeriods periods;

    ReportService(ReportDatabase database, WaitingPeriods periods) {
        this.database = database;
        this.periods = periods;
    }

    public Summary summary(ReportQuery query) {
        periods.refresh();
        Figures[] figures = database.read(connection -> SummaryQuery.run(connection, query));
        return Summary.of(query, figures[0], figures[1]);
    }

    public List<Point> timeseries(ReportQuery query, Metric metric, Grouping grouping) {
        if (metric == Metric.NEW_CONVERSATIONS || metric == Metric.FIRST_RESPONSE) {
            periods.refresh();
        }
        return database.read(connection -> SeriesQuery.run(connection, query, metric, grouping));
    }

    public List<StaffRow> staff(ReportQuery query) {
        periods.refresh();
        return database.read(connection -> StaffQuery.run(connection, query));
    }

    public List<HeatCell> heatmap(ReportQuery query) {
        return database.read(connection -> HeatmapQuery.run(connection, query));
    }
}
