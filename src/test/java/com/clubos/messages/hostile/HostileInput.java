package com.clubos.messages.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Seeded generators of hostile input: odd strings, phone-number oddities, wrong JSON types, broken bytes. */
final class HostileInput {

    static final List<String> STRINGS = List.of(
            "",
            " ",
            "\t\n",
            "\u0000",
            "\u0007bell",
            "\ud83c\udfcc\ufe0f",
            "\ud800",
            "\u202eevil",
            "e\u0301",
            "'; DROP TABLE messages; --",
            "' OR '1'='1",
            "%",
            "_",
            "%_%",
            "\\",
            "\"",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "${jndi:ldap://127.0.0.1/x}",
            "{{7*7}}",
            "null",
            "NaN",
            "-0",
            "1e999",
            "Ω≈ç√∫",
            "مرحبا",
            "x".repeat(1601),
            "y".repeat(20_000));

    static final List<String> PHONES = List.of(
            "+19025550111",
            "9025550111",
            "(902) 555-0111",
            "902.555.0111",
            "+1 902 555 0111",
            "001 902 555 0111",
            "+1902555011",
            "+190255501111111",
            "+999999999999999999",
            "0",
            "-1",
            "+",
            "++19025550111",
            "tel:+19025550111",
            "\u0669\u0660\u0662\u0665\u0665\u0665\u0660\u0661\u0661\u0661",
            "+1 (902) 555-0111 ext. 5",
            "55555",
            "+44 20 7946 0958",
            "1-800-FLOWERS",
            "+19025550111; DROP TABLE messages",
            "%2B19025550111");

    private final Random random;

    HostileInput(long seed) {
        this.random = new Random(seed);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    String string() {
        return chance(50) ? pick(STRINGS) : pick(PHONES);
    }

    /** A JSON value of any type, strings drawn from the hostile pool; nested up to {@code depth}. */
    String value(int depth) {
        return switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextBoolean());
            case 2 -> String.valueOf(random.nextLong());
            case 3 -> String.valueOf(random.nextDouble() * 1e6);
            case 4, 5 -> quote(string());
            case 6 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
            default -> "{\"k\":" + value(depth - 1) + "}";
        };
    }

    /** A send body: the real fields with hostile values, sometimes extra fields, sometimes broken JSON. */
    byte[] sendBody() {
        StringBuilder json = new StringBuilder("{");
        String[] fields = {"to", "text", "from", "clientRef", "unexpected"};
        boolean first = true;
        for (String field : fields) {
            if (chance(75)) {
                json.append(first ? "" : ",")
                        .append(quote(field))
                        .append(':')
                        .append(
                                chance(60)
                                        ? quote(field.equals("to") || field.equals("from") ? pick(PHONES) : string())
                                        : value(3));
                first = false;
            }
        }
        json.append('}');
        return mangle(json.toString());
    }

    /** Truncated, deeply nested, or with invalid UTF-8 bytes now and then. */
    byte[] mangle(String json) {
        int mode = random.nextInt(10);
        if (mode == 0 && json.length() > 2) {
            return json.substring(0, random.nextInt(json.length() - 1) + 1).getBytes(StandardCharsets.UTF_8);
        }
        if (mode == 1) {
            return ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (mode == 2 && bytes.length > 4) {
            bytes[random.nextInt(bytes.length)] = (byte) 0xC3;
            bytes[random.nextInt(bytes.length)] = (byte) 0x28;
        }
        return bytes;
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
