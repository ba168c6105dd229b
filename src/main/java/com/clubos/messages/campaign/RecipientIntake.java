package com.clubos.messages.campaign;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns pasted numbers and CSV rows into recipients: each number normalised to E.164, invalid ones
 * and repeats counted (the first problems named), never fatal for the rest.
 */
@ApplicationScoped
public class RecipientIntake {

    /** Problems named per campaign; all are counted. */
    static final int MAX_PROBLEMS = 50;

    private static final int MAX_NAME = 100;

    private final PhoneNumbers phoneNumbers;

    public RecipientIntake(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }

    /** What came in: distinct valid recipients, and what was refused on the way. */
    public record Intake(
            List<CampaignRecipient.Incoming> recipients, int invalid, int duplicates, List<String> problems) {}

    public Intake numbers(List<String> inputs) {
        Collector collector = new Collector();
        int position = 0;
        for (String input : inputs) {
            position++;
            collector.add("recipients[" + (position - 1) + "]", input, null, null);
        }
        return collector.intake();
    }

    /** A CSV with the header {@code number,first_name,last_name} (in any order; names optional). */
    public Intake csv(String body) {
        List<List<String>> rows = parseCsv(body);
        if (rows.isEmpty()) {
            throw ApiException.badRequest(
                    "The CSV is empty: its first line must be the header number,first_name,last_name");
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().toLowerCase().replace(' ', '_').replace("\uFEFF", ""), i);
        }
        Integer number = columns.containsKey("number") ? columns.get("number") : columns.get("phone");
        if (number == null) {
            throw ApiException.badRequest(
                    "The CSV's header has no 'number' column (expected number,first_name,last_name; got "
                            + String.join(",", header) + ")");
        }
        Collector collector = new Collector();
        for (int row = 1; row < rows.size(); row++) {
            List<String> cells = rows.get(row);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            collector.add(
                    "row " + (row + 1),
                    cell(cells, number),
                    name(cell(cells, columns.get("first_name"))),
                    name(cell(cells, columns.get("last_name"))));
        }
        return collector.intake();
    }

    private static String cell(List<String> cells, Integer index) {
        return index == null || index >= cells.size() ? null : cells.get(index);
    }

    private static String name(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() > MAX_NAME ? stripped.substring(0, MAX_NAME) : stripped;
    }

    private final class Collector {
        private final Map<String, CampaignRecipient.Incoming> byNumber = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private int invalid;
        private int duplicates;

        void add(String where, String input, String firstName, String lastName) {
            var e164 = phoneNumbers.toE164(input);
            if (e164.isEmpty()) {
                invalid++;
                problem(where + ": '" + abbreviate(input) + "' is not a valid phone number");
            } else if (byNumber.containsKey(e164.get())) {
                duplicates++;
                problem(where + ": " + e164.get() + " is listed twice");
            } else {
                byNumber.put(e164.get(), new CampaignRecipient.Incoming(e164.get(), firstName, lastName));
            }
        }

        private void problem(String text) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(text);
            }
        }

        Intake intake() {
            return new Intake(new ArrayList<>(byNumber.values()), invalid, duplicates, problems);
        }
    }

    private static String abbreviate(String input) {
        if (input == null) {
            return "";
        }
        return input.length() > 40 ? input.substring(0, 40) + "…" : input;
    }

    /** RFC 4180: commas, quoted fields with "" for a quote, CRLF or LF line ends. */
    static List<List<String>> parseCsv(String body) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        try (BufferedReader reader = new BufferedReader(new StringReader(body))) {
            int c;
            while ((c = reader.read()) != -1) {
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        reader.mark(1);
                        int next = reader.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                reader.reset();
                            }
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (ch == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r') {
                        reader.mark(1);
                        if (reader.read() != '\n') {
                            reader.reset();
                        }
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(ch);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
