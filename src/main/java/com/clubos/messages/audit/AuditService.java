package com.clubos.messages.audit;

import com.clubos.messages.api.ApiPage;
import com.clubos.messages.api.Cursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

@ApplicationScoped
public class AuditService {

    @Transactional
    public ApiPage<AuditView> page(AuditFilter filter, Cursor before, int limit) {
        List<AuditEntry> entries = AuditEntry.page(filter, before, limit + 1);
        boolean more = entries.size() > limit;
        List<AuditEntry> shown = more ? entries.subList(0, limit) : entries;
        return ApiPage.of(
                shown.stream().map(AuditView::of).toList(),
                more ? shown.get(shown.size() - 1).cursor().encode() : null);
    }
}
