package com.clubos.messages.history;

/** The import was cancelled or taken over by another replica: stop without writing anything more. */
class ImportStopped extends RuntimeException {

    ImportStopped() {
        super("import stopped", null, false, false);
    }
}
