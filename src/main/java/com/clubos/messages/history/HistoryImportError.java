package com.clubos.messages.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A problem an import met and went past: a bad row or element, or a call OpenPhone refused. */
@Entity
@Table(name = "history_import_errors")
public class HistoryImportError extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "import_id", nullable = false)
    public Long importId;

    /** The source row or call: "row 17, element 3", "GET /v1/messages CN123". */
    @Column(name = "source_ref", nullable = false)
    public String sourceRef;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public Instant at;

    public static List<HistoryImportError> firstOf(long importId, int limit) {
        return find("importId = ?1 order by id", importId).page(0, limit).list();
    }
}
