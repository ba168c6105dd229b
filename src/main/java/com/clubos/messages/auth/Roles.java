package com.clubos.messages.auth;

import java.util.List;

/** The ClubOS roles allowed to use the messages API; ClubOS's other roles (kiosk, customer) are not. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String SUPPORT = "support";
    /** Most powerful first. */
    public static final List<String> ALL = List.of(ADMIN, OPERATOR, SUPPORT);

    private Roles() {}
}
