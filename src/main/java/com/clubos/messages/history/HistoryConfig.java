package com.clubos.messages.history;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** History import (ClubOS's table and OpenPhone's history); every setting has an env var, see README. */
@ConfigMapping(prefix = "clubos.history")
public interface HistoryConfig {

    /**
     * LEGACY_DATABASE_URL: the ClubOS database, as a JDBC URL or as ClubOS's own
     * {@code postgres://user:password@host:port/db?sslmode=…}. Opened read-only, only while importing.
     */
    Optional<String> legacyDatabaseUrl();

    /** LEGACY_DATABASE_USER: overrides the user of the URL. */
    Optional<String> legacyDatabaseUser();

    /** LEGACY_DATABASE_PASSWORD: overrides the password of the URL. */
    Optional<String> legacyDatabasePassword();

    /** HISTORY_BATCH_SIZE: messages written per transaction (and per checkpoint). */
    @WithDefault("1000")
    int batchSize();

    /** HISTORY_BATCH_PAUSE: a pause after each batch, to leave the database room for live traffic. */
    @WithDefault("PT0S")
    Duration batchPause();

    /** HISTORY_LEGACY_PAGE_ROWS: ClubOS rows read per query (streamed in fetches of 20 rows). */
    @WithDefault("500")
    int legacyPageRows();

    /** HISTORY_OPENPHONE_PAGE_SIZE: maxResults of OpenPhone's list calls (1–100). */
    @WithDefault("100")
    int openphonePageSize();

    /** HISTORY_OPENPHONE_CONCURRENCY: conversations whose messages are read at the same time. */
    @WithDefault("2")
    int openphoneConcurrency();

    /** HISTORY_IMPORT_LEASE: a running import whose replica shows no sign of life this long is taken over. */
    @WithDefault("PT30S")
    Duration lease();

    /** HISTORY_IMPORT_HEARTBEAT: how often a replica renews its imports' lease and looks for orphaned ones (e.g. 2s). */
    @WithDefault("2s")
    String heartbeatEvery();

    /** HISTORY_RETRY_DEADLINE: how long an unreachable source (database, OpenPhone 5xx) is retried before the import fails. */
    @WithDefault("PT10M")
    Duration retryDeadline();

    /** HISTORY_PROGRESS_INTERVAL: the most often progress is pushed to admins' pages. */
    @WithDefault("PT0.5S")
    Duration progressInterval();

    /** HISTORY_MAX_ERRORS: problems kept per import (all are counted). */
    @WithDefault("200")
    int maxErrors();
}
