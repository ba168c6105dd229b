import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Campaign benchmark (bench/campaign.sh): a campaign of {@code recipients} texts runs against the
 * fake OpenPhone at the real rate limit while {@code staffSends} staff replies are sent during it,
 * one every few seconds. Reads the fake's log of received requests (its clock, this machine's) and
 * prints the campaign's drain rate and each staff reply's time from being accepted to reaching
 * "OpenPhone" (p50/p99/max).
 *   java bench/CampaignBench.java 1000 10 http://127.0.0.1:8096
 */
public class CampaignBench {

    static final String BASE = System.getenv().getOrDefault("BENCH_URL", "http://127.0.0.1:8095");
    static final String JWT_SECRET =
            System.getenv().getOrDefault("BENCH_JWT_SECRET", "bench-jwt-secret-0123456789abcdefghij");
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String CAMPAIGN_TEXT = "Bench campaign: league night is Friday";
    static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    public static void main(String[] args) throws Exception {
        int recipients = Integer.parseInt(args[0]);
        int staffSends = Integer.parseInt(args[1]);
        String fake = args[2];
        String token = jwt("bench-campaigner");

        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < recipients; i++) {
            numbers.append(i == 0 ? "" : ",").append(String.format("\"+1902556%04d\"", i));
        }
        String created = post(
                token,
                "/api/messages/campaigns",
                "{\"name\":\"Bench\",\"text\":\"" + CAMPAIGN_TEXT + "\",\"kind\":\"informational\",\"recipients\":["
                        + numbers + "]}",
                201);
        Matcher id = ID.matcher(created);
        id.find();
        post(token, "/api/messages/campaigns/" + id.group(1) + "/start", "", 200);
        double started = now();
        System.err.println("campaign " + id.group(1) + " started");

        while (campaignTexts(fake).size() < Math.min(100, recipients)) {
            Thread.sleep(200);
        }
        List<double[]> staff = new ArrayList<>(); // {accepted at, index}
        for (int k = 0; k < staffSends; k++) {
            double before = now();
            post(
                    token,
                    "/api/messages/send",
                    "{\"to\":\"+1902558" + String.format("%04d", k) + "\",\"text\":\"bench staff reply " + k + "\"}",
                    202);
            staff.add(new double[] {before, k});
            Thread.sleep(4000);
        }
        double deadline = now() + 600;
        List<double[]> sent;
        while ((sent = campaignTexts(fake)).size() < recipients && now() < deadline) {
            Thread.sleep(500);
        }
        List<String> log = received(fake);
        List<Double> latencies = new ArrayList<>();
        for (double[] send : staff) {
            String wanted = "bench staff reply " + (int) send[1];
            log.stream()
                    .map(line -> line.split("\t"))
                    .filter(f -> f.length >= 5 && f[1].equals("POST") && f[4].equals(wanted))
                    .findFirst()
                    .ifPresent(f -> latencies.add((Double.parseDouble(f[0]) - send[0]) * 1000));
        }
        Collections.sort(latencies);
        double first = sent.get(0)[0];
        double last = sent.get(sent.size() - 1)[0];
        System.out.printf(
                Locale.ROOT,
                "campaign recipients=%d received=%d drain_seconds=%.1f drain_rate=%.2f/s start_to_last=%.1fs"
                        + " staff_replies=%d reached=%d latency_ms p50=%.0f p99=%.0f max=%.0f load=%s%n",
                recipients,
                sent.size(),
                last - first,
                (sent.size() - 1) / (last - first),
                last - started,
                staffSends,
                latencies.size(),
                percentile(latencies, 50),
                percentile(latencies, 99),
                latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1),
                Files.readString(Path.of("/proc/loadavg")).strip());
    }

    static List<double[]> campaignTexts(String fake) throws Exception {
        List<double[]> times = new ArrayList<>();
        for (String line : received(fake)) {
            String[] f = line.split("\t");
            if (f.length >= 5 && f[1].equals("POST") && f[4].equals(CAMPAIGN_TEXT)) {
                times.add(new double[] {Double.parseDouble(f[0])});
            }
        }
        times.sort((a, b) -> Double.compare(a[0], b[0]));
        return times;
    }

    static List<String> received(String fake) throws Exception {
        String body = HTTP.send(
                        HttpRequest.newBuilder(URI.create(fake + "/_received")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }

    static String post(String token, String path, String json, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(BASE + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static double now() {
        return Instant.now().toEpochMilli() / 1000.0;
    }

    /** A ClubOS-style HS256 operator token. */
    static String jwt(String userId) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString(("{\"iss\":\"clubosv1\",\"aud\":\"clubosv1-users\",\"userId\":\"" + userId
                        + "\",\"role\":\"operator\",\"name\":\"" + userId + "\",\"iat\":" + now + ",\"exp\":"
                        + (now + 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = url.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return header + "." + payload + "." + signature;
    }
}
