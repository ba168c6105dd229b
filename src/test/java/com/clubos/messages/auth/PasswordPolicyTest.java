package com.clubos.messages.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void longUncommonPasswordsPass() {
        assertEquals(Optional.empty(), PasswordPolicy.problem("fairway-bay-lights-42", "owner"));
        assertEquals(Optional.empty(), PasswordPolicy.problem("correct horse battery staple", "owner"));
        assertEquals(Optional.empty(), PasswordPolicy.problem("Ünïcødé-passwörd", "owner"));
    }

    @Test
    void shortCommonAndUsernamePasswordsAreRefusedSayingWhy() {
        assertTrue(PasswordPolicy.problem("abc123xyz", "owner").orElseThrow().contains("at least 10"));
        assertTrue(PasswordPolicy.problem("", "owner").orElseThrow().contains("required"));
        assertTrue(PasswordPolicy.problem("1234567890", "owner").orElseThrow().contains("too common"));
        assertTrue(PasswordPolicy.problem("QWERTYUIOP", "owner").orElseThrow().contains("too common"));
        assertTrue(
                PasswordPolicy.problem("sunshine1987!", "owner").orElseThrow().contains("too common"));
        assertTrue(PasswordPolicy.problem("Frontdesk01", "frontdesk01")
                .orElseThrow()
                .contains("username"));
        assertTrue(
                PasswordPolicy.problem("x".repeat(201), "owner").orElseThrow().contains("at most 200"));
    }
}
