package com.clubos.messages.line;

import com.clubos.messages.auth.KnownLines;
import com.clubos.messages.openphone.OpenPhoneConfig;
import com.clubos.messages.phone.PhoneNumbers;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Our OpenPhone lines: OPENPHONE_DEFAULT_NUMBER and OPENPHONE_NUMBERS, plus every line OpenPhone lists
 * for the workspace ({@link LineSync}, kept in {@code openphone_lines} so a replica that cannot reach
 * OpenPhone at start still knows them). LOCATION_NAMES overrides a line's name.
 */
@ApplicationScoped
public class LineDirectory implements KnownLines {

    private final PhoneNumbers phoneNumbers;
    private final Optional<String> defaultLine;
    private final List<String> configured;
    private final Map<String, String> namesFromConfig;
    private volatile Map<String, Line> lines;

    public LineDirectory(OpenPhoneConfig openPhone, LinesConfig config, PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
        this.defaultLine = openPhone.defaultNumber().filter(n -> !n.isBlank()).map(this::normalise);
        List<String> numbers = new ArrayList<>(defaultLine.stream().toList());
        openPhone.numbers().orElse(List.of()).stream()
                .filter(n -> !n.isBlank())
                .map(this::normalise)
                .filter(n -> !numbers.contains(n))
                .forEach(numbers::add);
        this.configured = List.copyOf(numbers);
        this.namesFromConfig = parseNames(config.names().orElse(""));
        this.lines = build(List.of());
    }

    private String normalise(String number) {
        return phoneNumbers
                .toE164(number)
                .orElseThrow(
                        () -> new IllegalStateException("OpenPhone line '" + number + "' is not a valid phone number"));
    }

    /** {@code +19025550100=Halifax,+19025550200=Dartmouth}; numbers in any format. */
    private Map<String, String> parseNames(String spec) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || entry.substring(equals + 1).isBlank()) {
                throw new IllegalStateException("LOCATION_NAMES: '" + entry.strip() + "' is not number=Name");
            }
            names.put(
                    normalise(entry.substring(0, equals).strip()),
                    entry.substring(equals + 1).strip());
        }
        return Map.copyOf(names);
    }

    private Map<String, Line> build(Collection<Line> fromOpenPhone) {
        Map<String, Line> built = new LinkedHashMap<>();
        for (String number : configured) {
            built.put(number, new Line(number, null, namesFromConfig.getOrDefault(number, number)));
        }
        for (Line line : fromOpenPhone) {
            String name = namesFromConfig.getOrDefault(
                    line.number(), line.name() == null || line.name().isBlank() ? line.number() : line.name());
            built.put(line.number(), new Line(line.number(), line.openphoneId(), name));
        }
        return Map.copyOf(built);
    }

    /** Every line, the default first, then by name. */
    public List<Line> all() {
        List<Line> sorted = new ArrayList<>(lines.values());
        sorted.sort((a, b) -> {
            boolean aDefault = defaultLine.filter(a.number()::equals).isPresent();
            boolean bDefault = defaultLine.filter(b.number()::equals).isPresent();
            return aDefault != bDefault ? (aDefault ? -1 : 1) : a.name().compareToIgnoreCase(b.name());
        });
        return sorted;
    }

    /** The lines' numbers, in the order of {@link #all()}. */
    public List<String> numbers() {
        return all().stream().map(Line::number).toList();
    }

    public Optional<Line> find(String e164) {
        return Optional.ofNullable(e164 == null ? null : lines.get(e164));
    }

    public boolean isOurs(String e164) {
        return e164 != null && lines.containsKey(e164);
    }

    /** The line a send leaves from when nothing else decides: OPENPHONE_DEFAULT_NUMBER, else the first line. */
    public Optional<String> defaultLine() {
        return defaultLine.or(() -> all().stream().map(Line::number).findFirst());
    }

    /** What a line is called for people: its location name, else its number. */
    public String nameOf(String e164) {
        return find(e164).map(Line::name).orElse(namesFromConfig.getOrDefault(e164, e164));
    }

    /**
     * The line a token's location entry means: a number in any format, an OpenPhone id ({@code PN…})
     * or a line's name (any case).
     */
    @Override
    public Optional<String> resolve(String entry) {
        if (entry == null || entry.isBlank()) {
            return Optional.empty();
        }
        String wanted = entry.strip();
        Optional<String> number = phoneNumbers.toE164(wanted).filter(lines::containsKey);
        if (number.isPresent()) {
            return number;
        }
        return lines.values().stream()
                .filter(line -> wanted.equals(line.openphoneId())
                        || wanted.toLowerCase(Locale.ROOT).equals(line.name().toLowerCase(Locale.ROOT)))
                .map(Line::number)
                .findFirst();
    }

    /**
     * OpenPhone's current list of lines (from {@link LineSync}): stored, then used. Upserts, so that
     * replicas syncing at the same moment never trip over each other's rows.
     */
    void replaceFromOpenPhone(List<Line> fromOpenPhone) {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Panache.getEntityManager();
            for (Line line : fromOpenPhone) {
                em.createNativeQuery("""
                                INSERT INTO openphone_lines (number, openphone_id, name) VALUES (:number, :id, :name)
                                ON CONFLICT (number) DO UPDATE SET openphone_id = EXCLUDED.openphone_id,
                                    name = EXCLUDED.name, synced_at = now()""")
                        .setParameter("number", line.number())
                        .setParameter("id", line.openphoneId())
                        .setParameter("name", line.name())
                        .executeUpdate();
            }
            em.createNativeQuery("DELETE FROM openphone_lines WHERE NOT (number = ANY (CAST(:numbers AS varchar[])))")
                    .setParameter(
                            "numbers", fromOpenPhone.stream().map(Line::number).toArray(String[]::new))
                    .executeUpdate();
        });
        lines = build(fromOpenPhone);
    }

    /** The lines OpenPhone listed last time, from the database (another replica may have stored them). */
    @SuppressWarnings("unchecked")
    public void loadStored() {
        List<Object[]> rows = QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createNativeQuery("SELECT number, openphone_id, name FROM openphone_lines ORDER BY number")
                        .getResultList());
        lines = build(rows.stream()
                .map(row -> new Line((String) row[0], (String) row[1], (String) row[2]))
                .toList());
    }
}
