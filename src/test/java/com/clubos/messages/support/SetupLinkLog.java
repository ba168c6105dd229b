package com.clubos.messages.support;

import com.clubos.messages.auth.FirstAdmin;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Listens to what {@link FirstAdmin} logs, to read the setup link the way an operator does. */
public final class SetupLinkLog extends Handler implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("/setup\\?code=([A-Za-z0-9_-]+)");
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(FirstAdmin.class.getName());

    public static SetupLinkLog capture() {
        SetupLinkLog log = new SetupLinkLog();
        log.logger.addHandler(log);
        return log;
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(
                record instanceof org.jboss.logmanager.ExtLogRecord ext
                        ? ext.getFormattedMessage()
                        : record.getMessage());
    }

    public List<String> messages() {
        return messages;
    }

    public String code() {
        for (String message : messages) {
            Matcher matcher = LINK.matcher(message);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("No setup link was logged: " + messages);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
