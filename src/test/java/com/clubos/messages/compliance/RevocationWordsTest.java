package com.clubos.messages.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.message.OptOutKeywords;
import com.clubos.messages.message.OptOutKeywords.Choice;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which customer texts are revocations, restarts, HELP, or merely look like a revocation in other words. */
class RevocationWordsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "STOP",
                "Stop.",
                "stop",
                " UNSUBSCRIBE!!",
                "opt-out",
                "Opt Out",
                "OPTOUT",
                "revoke",
                "Quit",
                "END",
                "cancel!",
                "STOPALL",
                "Arrêt",
                "stop 🛑"
            })
    void theFccWordsAloneAreRevocationsInAnyCaseOrPunctuation(String text) {
        assertEquals(Optional.of(Choice.OPT_OUT), OptOutKeywords.of(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "unstop", "Yes!"})
    void startUnstopAndYesOptBackIn(String text) {
        assertEquals(Optional.of(Choice.OPT_IN), OptOutKeywords.of(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "help?", "Info", " INFO. "})
    void helpAndInfoAskForHelp(String text) {
        assertEquals(Optional.of(Choice.HELP), OptOutKeywords.of(text), text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "please stop by at 5",
                "stop 2",
                "the end of the round",
                "I want to cancel my booking",
                "help me book a bay",
                "optional"
            })
    void aKeywordInsideOtherWordsIsNoKeyword(String text) {
        assertTrue(OptOutKeywords.of(text).isEmpty(), text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "please stop texting me",
                "Don't text me anymore",
                "remove me from your list",
                "Stop sending me messages!",
                "no more texts please",
                "take me off your list",
                "Please unsubscribe me",
                "do not contact me again",
                "opt me out",
                "stop it please",
                "Please stop",
                "leave me alone",
                "I don’t want texts, stop messaging me"
            })
    void otherWordingThatReadsLikeARevocationIsFlagged(String text) {
        assertTrue(RevocationPhrases.looksLikeRevocation(text), text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Can you stop by the front desk?",
                "I'll text you when I'm there",
                "don't forget my clubs",
                "See you at the end of the day",
                "Thanks!",
                "Is bay 3 free tonight?",
                "What time do you stop serving food?"
            })
    void ordinaryTextsAreNotFlagged(String text) {
        assertFalse(RevocationPhrases.looksLikeRevocation(text), text);
    }

    @org.junit.jupiter.api.Test
    void aLongTextIsAConversationNotARevocation() {
        assertFalse(RevocationPhrases.looksLikeRevocation("please stop texting me " + "x".repeat(200)));
    }
}
