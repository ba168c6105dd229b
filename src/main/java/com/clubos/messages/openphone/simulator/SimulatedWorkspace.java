package com.clubos.messages.openphone.simulator;

import com.clubos.messages.openphone.OpenPhoneConfig;
import com.clubos.messages.phone.PhoneNumbers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated OpenPhone workspace: our configured lines as its phone numbers, and two customers
 * in its contacts, in the v1 shapes ({@code defaultFields} with {@code {name,value}} lists).
 */
@ApplicationScoped
public class SimulatedWorkspace {

    static final String FALLBACK_LINE = "+15555550100";
    private static final String CREATED = "2024-01-01T00:00:00.000Z";

    private final List<String> lines;

    /** The simulated workspace has the lines this service is configured with. */
    public SimulatedWorkspace(OpenPhoneConfig config, PhoneNumbers phoneNumbers) {
        List<String> ours = new ArrayList<>();
        config.defaultNumber().flatMap(phoneNumbers::toE164).ifPresent(ours::add);
        config.numbers().orElse(List.of()).stream()
                .flatMap(n -> phoneNumbers.toE164(n).stream())
                .filter(line -> !ours.contains(line))
                .forEach(ours::add);
        this.lines = ours.isEmpty() ? List.of(FALLBACK_LINE) : List.copyOf(ours);
    }

    /** The E.164 number behind a {@code from}: a line id ({@code PNsim…}) or already a number. */
    String lineNumber(String from) {
        for (int i = 0; i < lines.size(); i++) {
            if (from.equals(lineId(i))) {
                return lines.get(i);
            }
        }
        return from;
    }

    ArrayNode phoneNumbers() {
        ArrayNode numbers = SimulatorJson.array();
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode number = numbers.addObject();
            number.put("id", lineId(i));
            number.put("groupId", "GRsim");
            number.put("name", "Simulated line " + (i + 1));
            number.put("number", lines.get(i));
            number.put("formattedNumber", lines.get(i));
            number.putNull("symbol");
            ObjectNode user = number.putArray("users").addObject();
            user.put("id", SimulatorJson.USER_ID);
            user.put("email", "staff@example.com");
            user.put("firstName", "Simulated");
            user.put("lastName", "Staff");
            user.put("role", "owner");
            number.put("createdAt", CREATED);
            number.put("updatedAt", CREATED);
        }
        return numbers;
    }

    ArrayNode contacts() {
        ArrayNode contacts = SimulatorJson.array();
        contacts.add(contact("CTsim1", "Jordan", "Lee", "+19025550123"));
        contacts.add(contact("CTsim2", "Sam", "Rivera", "+19025550124"));
        return contacts;
    }

    private static ObjectNode contact(String id, String firstName, String lastName, String number) {
        ObjectNode contact = SimulatorJson.object();
        contact.put("id", id);
        contact.putNull("externalId");
        contact.put("source", "openphone");
        ObjectNode fields = contact.putObject("defaultFields");
        fields.put("firstName", firstName);
        fields.put("lastName", lastName);
        fields.putNull("company");
        fields.putNull("role");
        fields.putArray("emails");
        ObjectNode phone = fields.putArray("phoneNumbers").addObject();
        phone.put("id", id + "p");
        phone.put("name", "mobile");
        phone.put("value", number);
        contact.putArray("customFields");
        contact.put("createdAt", CREATED);
        contact.put("updatedAt", CREATED);
        contact.put("createdByUserId", SimulatorJson.USER_ID);
        return contact;
    }

    private static String lineId(int index) {
        return index == 0 ? SimulatedEvents.PHONE_NUMBER_ID : SimulatedEvents.PHONE_NUMBER_ID + (index + 1);
    }
}
