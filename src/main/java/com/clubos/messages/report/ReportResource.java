package com.clubos.messages.report;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/reports")
@Tag(name = "Reports", description = "Volume, response times, staff and busiest hours, per location; JSON or CSV")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
public class ReportResource {

    static final String CSV = "text/csv";
    private static final String RANGE = "from/to: a date (whole days in tz, to included) or an ISO 8601 date-time;"
            + " default the last 30 days. tz: IANA zone (default REPORTS_TIME_ZONE). line: one location"
            + " (number, OpenPhone id or name; default all of the caller's). format=csv or Accept: text/csv for CSV.";

    private final ReportService reports;
    private final ReportRequests requests;

    public ReportResource(ReportService reports, ReportRequests requests) {
        this.reports = reports;
        this.requests = requests;
    }

    @GET
    @Path("/summary")
    @Operation(
            summary = "Totals and first response for the range, with the previous range of the same length",
            description = RANGE)
    @APIResponse(responseCode = "200", description = "The summary (or its CSV)")
    @APIResponse(responseCode = "400", description = "A bad range, time zone, location or flag, named")
    @APIResponse(responseCode = "403", description = "Support staff (reports are for admins and operators)")
    public Response summary(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("tz") String tz,
            @QueryParam("line") String line,
            @Parameter(description = "true: response times count open hours only (BUSINESS_HOURS)")
                    @QueryParam("businessHours")
                    String businessHours,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = csv(format, accept);
        Summary summary = reports.summary(requests.query(from, to, tz, line, businessHours));
        return answer(csv, summary, Csv::summary, "summary");
    }

    @GET
    @Path("/timeseries")
    @Operation(
            summary = "One metric per hour, day or week, every bucket present, each with the previous range's",
            description = RANGE)
    @APIResponse(responseCode = "200", description = "[{at, value, previous}] (or CSV at,value,previous)")
    @APIResponse(responseCode = "400", description = "A bad metric, groupBy, range, time zone or location, named")
    public Response timeseries(
            @Parameter(description = "inbound, outbound, new_conversations or first_response (median seconds)")
                    @QueryParam("metric")
                    String metric,
            @Parameter(description = "hour, day (default) or week") @QueryParam("groupBy") String groupBy,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("tz") String tz,
            @QueryParam("line") String line,
            @QueryParam("businessHours") String businessHours,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = csv(format, accept);
        Metric wanted = Metric.parse(metric);
        Grouping grouping = Grouping.parse(groupBy);
        var points = reports.timeseries(requests.query(from, to, tz, line, businessHours), wanted, grouping);
        return answer(csv, points, Csv::timeseries, wanted.wire());
    }

    @GET
    @Path("/staff")
    @Operation(
            summary = "Per staff member: texts sent, conversations answered, median first response, done",
            description = RANGE)
    @APIResponse(responseCode = "200", description = "One row per staff member (or CSV)")
    public Response staff(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("tz") String tz,
            @QueryParam("line") String line,
            @QueryParam("businessHours") String businessHours,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = csv(format, accept);
        var rows = reports.staff(requests.query(from, to, tz, line, businessHours));
        return answer(csv, rows, Csv::staff, "staff");
    }

    @GET
    @Path("/heatmap")
    @Operation(summary = "Customers' texts by weekday (1 = Monday) and hour in tz, all 168 cells", description = RANGE)
    @APIResponse(responseCode = "200", description = "[{weekday, hour, value, previous}] (or CSV)")
    public Response heatmap(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("tz") String tz,
            @QueryParam("line") String line,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = csv(format, accept);
        var cells = reports.heatmap(requests.query(from, to, tz, line, null));
        return answer(csv, cells, Csv::heatmap, "heatmap");
    }

    private static <T> Response answer(boolean csv, T report, Function<T, String> toCsv, String name) {
        if (!csv) {
            return Response.ok(ApiResponse.ok(report), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        return Response.ok(toCsv.apply(report), CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                .build();
    }

    /** format=csv|json wins; otherwise an Accept that names text/csv (and not JSON first) asks for CSV. */
    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.badRequest("format: must be json or csv");
            };
        }
        if (accept == null) {
            return false;
        }
        String wanted = accept.toLowerCase(Locale.ROOT);
        int csvAt = wanted.indexOf(CSV);
        int jsonAt = wanted.indexOf(MediaType.APPLICATION_JSON);
        return csvAt >= 0 && (jsonAt < 0 || csvAt < jsonAt);
    }
}
