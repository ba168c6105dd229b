package com.clubos.messages.demo;

import com.clubos.messages.api.ListeningPort;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.auth.StaffUser;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.message.MessageStatusChange;
import com.clubos.messages.template.MessageTemplate;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/** Demo mode: staff of each role and a few conversations, so the service can be tried at once. */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    record DemoLogin(String username, String password, String name, String role) {}

    static final List<DemoLogin> LOGINS = List.of(
            new DemoLogin("admin", "admin-demo", "Alex Admin", Roles.ADMIN),
            new DemoLogin("operator", "operator-demo", "Olivia Operator", Roles.OPERATOR),
            new DemoLogin("support", "support-demo", "Sam Support", Roles.SUPPORT));

    private final DemoConfig config;
    private final LineDirectory lines;
    private final int port;

    public DemoData(DemoConfig config, LineDirectory lines, ListeningPort port) {
        this.config = config;
        this.lines = lines;
        this.port = port.port();
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        seed();
        StringBuilder banner = new StringBuilder("\n\n  ClubOS Messages demo is running at http://localhost:")
                .append(port)
                .append("/\n  Demo logins (username / password):\n");
        LOGINS.forEach(l -> banner.append("    ")
                .append(l.username())
                .append(" / ")
                .append(l.password())
                .append("   (")
                .append(l.role())
                .append(")\n"));
        banner.append("  API: POST /api/auth/login, then GET /api/messages/conversations with the token\n");
        LOG.info(banner);
    }

    @Transactional
    void seed() {
        LOGINS.forEach(l -> StaffUser.createIfMissing(l.username(), l.name(), l.role(), l.password()));
        if (Conversation.count() > 0) {
            return;
        }
        String line = lines.defaultLine().orElse("+19025550100");
        // A second club, when there is a second line.
        String second = lines.numbers().stream()
                .filter(n -> !n.equals(line))
                .findFirst()
                .orElse(line);
        Instant now = Message.now();
        conversation(
                line,
                "+19025550123",
                "Jordan Lee",
                now.minus(Duration.ofMinutes(3)),
                1,
                "Hi! Is bay 3 free tonight at 7?",
                "Yes, bay 3 is open at 7. Want me to book it?",
                "Yes please, for 2 hours");
        conversation(
                second,
                "+19025550188",
                "Priya Shah",
                now.minus(Duration.ofHours(2)),
                0,
                "Do you have left-handed clubs?",
                "We do! Ask at the front desk when you arrive.");
        conversation(
                line,
                "+17825550142",
                "Unknown",
                now.minus(Duration.ofDays(1)),
                2,
                "What are your hours on Sunday?",
                "Also, do you sell gift cards?");
        snippet("Bay ready", "Hi {{first_name}}, your bay at {{club}} is ready. See you soon!");
        snippet("Hours", "We're open 9am-11pm every day, including Sundays. - {{staff_name}}, {{club}}");
        snippet("Gift cards", "Yes! Gift cards are sold at the front desk of {{club}}, any amount.");
    }

    private static void snippet(String name, String body) {
        MessageTemplate template = new MessageTemplate();
        template.name = name;
        template.body = body;
        template.createdBy = "Alex Admin";
        template.updatedBy = "Alex Admin";
        template.createdAt = Message.now();
        template.updatedAt = template.createdAt;
        template.persist();
    }

    /** Alternates inbound and outbound texts, a minute apart, the last {@code unread} of them unread. */
    private void conversation(String line, String customer, String name, Instant start, int unread, String... texts) {
        long conversationId = Conversation.upsert(line, customer, name);
        for (int i = 0; i < texts.length; i++) {
            boolean inbound = i % 2 == 0 || i >= texts.length - unread;
            Message message = new Message();
            message.conversationId = conversationId;
            message.direction = inbound ? MessageDirection.INBOUND : MessageDirection.OUTBOUND;
            message.fromNumber = inbound ? customer : line;
            message.toNumber = inbound ? line : customer;
            message.body = texts[i];
            message.status = inbound ? MessageStatus.RECEIVED : MessageStatus.DELIVERED;
            message.sentBy = inbound ? null : "Alex Admin";
            message.createdAt = start.plus(Duration.ofMinutes(i));
            message.insertIfAbsent();
            MessageStatusChange.record(message.id, message.status, null);
            Conversation.countMessage(message, inbound && i >= texts.length - unread);
        }
    }
}
