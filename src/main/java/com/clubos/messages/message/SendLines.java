package com.clubos.messages.message;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.line.CurrentScope;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.line.LineScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Which of our lines a send leaves from. Asked for: that line, if the caller may use it (403
 * otherwise). Not asked for: the line of the caller's latest conversation with the customer, else the
 * default line, else the caller's only line (with several and none of them the default: 400, choose).
 */
@ApplicationScoped
public class SendLines {

    private final CurrentScope scope;
    private final LineDirectory lines;

    public SendLines(CurrentScope scope, LineDirectory lines) {
        this.scope = scope;
        this.lines = lines;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ValidatedSend decide(ValidatedSend send) {
        LineScope caller = scope.get();
        if (send.from() != null) {
            if (!caller.sees(send.from())) {
                throw new ApiException(
                        Response.Status.FORBIDDEN,
                        "from: you may not send from " + lines.nameOf(send.from()) + " (" + send.from() + ")");
            }
            return send;
        }
        Optional<String> line = Conversation.lineWithCustomer(send.to(), caller)
                .or(() -> lines.defaultLine().filter(caller::sees))
                .or(() -> caller.only()
                        .filter(visible -> visible.size() == 1)
                        .map(visible -> visible.iterator().next()));
        if (line.isEmpty()) {
            if (caller.only().map(visible -> visible.size() > 1).orElse(false)) {
                throw ApiException.badRequest("from: say which of your lines to send from (GET /api/messages/lines)");
            }
            throw new ApiException(
                    Response.Status.SERVICE_UNAVAILABLE, "OpenPhone is not configured: no line to send from");
        }
        return send.from(line.get());
    }
}
