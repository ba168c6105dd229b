package com.clubos.messages.template;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.auth.StaffMember;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.conversation.ConversationService;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.SendValidator;
import com.clubos.messages.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

@ApplicationScoped
public class TemplateService {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_TEMPLATES = 500;
    private static final Pattern STRAY_BRACES = Pattern.compile("\\{\\{|}}");

    private final PhoneNumbers phoneNumbers;
    private final ConversationService conversations;
    private final TemplatesConfig config;

    public TemplateService(PhoneNumbers phoneNumbers, ConversationService conversations, TemplatesConfig config) {
        this.phoneNumbers = phoneNumbers;
        this.conversations = conversations;
        this.config = config;
    }

    @Transactional
    public List<TemplateView> list(String search) {
        return MessageTemplate.matching(search, MAX_TEMPLATES).stream()
                .map(TemplateView::of)
                .toList();
    }

    @Transactional
    public TemplateView get(long id) {
        return TemplateView.of(find(id));
    }

    @Transactional
    public TemplateView create(TemplateRequest request, StaffMember actor) {
        Valid valid = validate(request, null);
        MessageTemplate template = new MessageTemplate();
        template.name = valid.name();
        template.body = valid.body();
        template.createdBy = actor.name();
        template.updatedBy = actor.name();
        template.createdAt = Message.now();
        template.updatedAt = template.createdAt;
        template.persist();
        AuditEntry.record(actor.name(), "template.create", template.name, Map.of("templateId", template.id));
        return TemplateView.of(template);
    }

    @Transactional
    public TemplateView update(long id, TemplateRequest request, StaffMember actor) {
        MessageTemplate template = find(id);
        Valid valid = validate(request, id);
        String previousName = template.name;
        template.name = valid.name();
        template.body = valid.body();
        template.updatedBy = actor.name();
        template.updatedAt = Message.now();
        AuditEntry.record(
                actor.name(), "template.update", template.name, Map.of("templateId", id, "previousName", previousName));
        return TemplateView.of(template);
    }

    @Transactional
    public void delete(long id, StaffMember actor) {
        MessageTemplate template = find(id);
        template.delete();
        AuditEntry.record(actor.name(), "template.delete", template.name, Map.of("templateId", id));
    }

    /**
     * The snippet filled for one conversation. Any placeholder without a value refuses the whole
     * snippet (422) and says which and why, so no customer gets "Hi {{first_name}}" or "Hi ,".
     */
    @Transactional
    public String render(long id, RenderRequest request, StaffMember actor) {
        MessageTemplate template = find(id);
        String customer = request == null || request.to() == null
                ? null
                : phoneNumbers
                        .toE164(request.to())
                        .orElseThrow(() -> ApiException.badRequest("to: not a valid phone number"));
        if (customer == null) {
            throw ApiException.badRequest("to: is required (the customer's number)");
        }
        Optional<Conversation> conversation = conversations.lookup(
                customer, request.line() == null || request.line().isBlank() ? null : request.line());
        List<String> missing = new ArrayList<>();
        String text = Placeholders.fill(template.body, values(customer, conversation, actor), missing);
        if (!missing.isEmpty()) {
            throw ApiException.unprocessable("Snippet \"" + template.name
                    + "\" cannot be used here: "
                    + missing.stream()
                            .map(name -> "{{" + name + "}} (" + Placeholders.KNOWN.get(name) + ")")
                            .collect(Collectors.joining(", ")));
        }
        return text;
    }

    private Map<String, Optional<String>> values(
            String customer, Optional<Conversation> conversation, StaffMember actor) {
        Optional<String> fullName = conversation
                .map(c -> c.customerName)
                .map(String::strip)
                .filter(name -> !name.isEmpty() && !name.equalsIgnoreCase(Conversation.UNKNOWN_NAME));
        String[] parts = fullName.map(name -> name.split("\\s+")).orElse(new String[0]);
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        values.put("first_name", parts.length > 0 ? Optional.of(parts[0]) : Optional.empty());
        values.put("last_name", parts.length > 1 ? Optional.of(parts[parts.length - 1]) : Optional.empty());
        values.put("full_name", fullName);
        values.put("phone", Optional.of(customer));
        values.put("club", config.clubName().map(String::strip).filter(name -> !name.isEmpty()));
        values.put("staff_name", Optional.ofNullable(actor.name()).filter(name -> !name.isBlank()));
        return values;
    }

    private record Valid(String name, String body) {}

    private Valid validate(TemplateRequest request, Long id) {
        if (request == null) {
            throw ApiException.badRequest("Request body is required: {\"name\": \"…\", \"body\": \"…\"}");
        }
        List<String> problems = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            problems.add("name: must not be blank");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add("name: must be at most " + MAX_NAME_LENGTH + " characters");
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add("name: must not contain control characters");
        }
        String body = request.body() == null ? "" : request.body().strip();
        if (body.isEmpty()) {
            problems.add("body: must not be blank");
        } else if (body.length() > SendValidator.MAX_TEXT_LENGTH) {
            problems.add("body: must be at most " + SendValidator.MAX_TEXT_LENGTH + " characters");
        } else {
            List<String> unknown = Placeholders.in(body).stream()
                    .filter(p -> !Placeholders.KNOWN.containsKey(p))
                    .toList();
            if (!unknown.isEmpty()) {
                problems.add("body: unknown placeholder "
                        + unknown.stream().map(p -> "{{" + p + "}}").collect(Collectors.joining(", ")) + "; use "
                        + Placeholders.KNOWN.keySet().stream()
                                .map(p -> "{{" + p + "}}")
                                .collect(Collectors.joining(", ")));
            } else if (STRAY_BRACES
                    .matcher(SendValidator.UNFILLED_PLACEHOLDER.matcher(body).replaceAll(""))
                    .find()) {
                problems.add("body: \"{{\" and \"}}\" may only surround a placeholder such as {{first_name}}");
            }
        }
        if (problems.isEmpty() && MessageTemplate.namedLike(name, id).isPresent()) {
            throw new ApiException(Response.Status.CONFLICT, "A snippet named \"" + name + "\" already exists");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return new Valid(name, body);
    }

    private static MessageTemplate find(long id) {
        return MessageTemplate.<MessageTemplate>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("Snippet not found"));
    }
}
