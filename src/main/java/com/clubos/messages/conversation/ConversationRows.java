package com.clubos.messages.conversation;

import com.clubos.messages.api.Cursor;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.message.LowerCaseEnumConverter;
import com.clubos.messages.message.MessageRows;
import com.clubos.messages.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conversations read straight from SQL into {@link ConversationView}s, each with its last message, in one
 * statement (issue 19): the list's pages are read-only, and hydrating an entity and its last message per
 * row cost several times what PostgreSQL took to find the 51 rows in its index.
 */
@ApplicationScoped
public class ConversationRows {

    private static final String SELECT = "SELECT c.id, c.phone_number, c.line_number, c.customer_name, "
            + "c.employee_name, c.unread_count, c.last_read_at, c.last_message_at, c.inbox_status, c.assignee_id, "
            + "c.assignee_name, c.opted_out, c.opt_out_changed_at, c.possible_opt_out_message_id, "
            + "c.possible_opt_out_text, c.possible_opt_out_at, c.created_at, c.updated_at, c.message_count, "
            + MessageRows.COLUMNS
            + " FROM openphone_conversations c LEFT JOIN messages m ON m.id = c.last_message_id WHERE ";
    private static final int FIRST_MESSAGE_COLUMN = 20;

    private final PhoneNumbers phoneNumbers;
    private final LineDirectory lines;

    ConversationRows(PhoneNumbers phoneNumbers, LineDirectory lines) {
        this.phoneNumbers = phoneNumbers;
        this.lines = lines;
    }

    /**
     * One page of conversations, most recent activity first. The filter's {@code search} matches,
     * case-insensitively, any part of the name and, when written like a phone number, any run of
     * digits of the number. LIKE metacharacters in it are literal. The keyset is a row comparison,
     * which the (last_message_at, id) indexes answer as a range however deep the page.
     */
    List<ConversationView> page(Connection connection, ConversationFilter filter, Cursor before, int offset, int limit)
            throws SQLException {
        StringBuilder where = new StringBuilder("true");
        List<Object> parameters = new ArrayList<>();
        if (filter.assignee() != null) {
            if (filter.assignee().equals(ConversationFilter.UNASSIGNED)) {
                where.append(" AND c.assignee_id IS NULL");
            } else {
                where.append(" AND c.assignee_id = ?");
                parameters.add(filter.assignee());
            }
        }
        if (filter.status() != null) {
            where.append(" AND c.inbox_status = ?");
            parameters.add(filter.status().wire());
        }
        if (filter.line() != null) {
            where.append(" AND c.line_number = ?");
            parameters.add(filter.line());
        }
        if (!filter.scope().everyLine()) {
            where.append(" AND c.line_number = ANY(?)");
            parameters.add(connection.createArrayOf("text", filter.scope().linesOrNull()));
        }
        appendSearch(filter.search(), where, parameters);
        if (before != null) {
            where.append(" AND (c.last_message_at, c.id) < (?, ?)");
            parameters.add(OffsetDateTime.ofInstant(before.at(), ZoneOffset.UTC));
            parameters.add(before.id());
        }
        where.append(" ORDER BY c.last_message_at DESC, c.id DESC LIMIT ? OFFSET ?");
        parameters.add(limit);
        parameters.add(offset);
        return query(connection, where.toString(), parameters);
    }

    /** The conversation with this id, as the API shows it. */
    public Optional<ConversationView> byId(Connection connection, long id) throws SQLException {
        return query(connection, "c.id = ?", List.of(id)).stream().findFirst();
    }

    private static void appendSearch(String search, StringBuilder where, List<Object> parameters) {
        if (search == null || search.isBlank()) {
            return;
        }
        // Only a term written like a phone number ("(902) 555-01", "+1 902") is a number search.
        String digits = search.matches("[\\d\\s+().-]+") ? search.replaceAll("\\D", "") : "";
        where.append(" AND (lower(c.customer_name) LIKE ? ESCAPE '!'");
        parameters.add("%" + Conversation.escapeLike(search.strip().toLowerCase()) + "%");
        if (!digits.isEmpty()) {
            where.append(" OR c.phone_number LIKE ?");
            parameters.add("%" + digits + "%");
        }
        where.append(")");
    }

    private List<ConversationView> query(Connection connection, String where, List<Object> parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + where)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<ConversationView> views = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    views.add(read(rows));
                }
            }
            return views;
        }
    }

    private ConversationView read(ResultSet row) throws SQLException {
        String phone = row.getString(2);
        String line = row.getString(3);
        String name = row.getString(4);
        boolean optedOut = row.getBoolean(12);
        long possibleOptOut = row.getLong(14);
        boolean flagged = !row.wasNull();
        return new ConversationView(
                row.getLong(1),
                phone,
                phoneNumbers.display(phone),
                line,
                lines.nameOf(line),
                name == null ? Conversation.UNKNOWN_NAME : name,
                row.getString(5),
                row.getInt(6),
                MessageRows.instant(row, 7),
                MessageRows.instant(row, 8),
                LowerCaseEnumConverter.fromColumn(InboxStatus.class, row.getString(9)),
                row.getString(10),
                row.getString(11),
                optedOut,
                optedOut ? MessageRows.instant(row, 13) : null,
                flagged
                        ? new ConversationView.PossibleOptOut(
                                possibleOptOut, row.getString(15), MessageRows.instant(row, 16))
                        : null,
                MessageRows.instant(row, 17),
                MessageRows.instant(row, 18),
                MessageRows.read(row, FIRST_MESSAGE_COLUMN),
                row.getInt(19),
                null,
                null,
                null);
    }
}
