package com.clubos.messages.history;

/**
 * A condition retrying cannot fix (the ClubOS table is missing, OpenPhone refuses the key): the import
 * ends as {@code failed} with this message, which is shown to admins and so never holds a secret.
 */
class ImportFailed extends RuntimeException {

    ImportFailed(String message) {
        super(message, null, false, false);
    }
}
