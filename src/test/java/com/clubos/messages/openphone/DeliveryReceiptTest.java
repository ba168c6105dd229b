package com.clubos.messages.openphone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryReceiptTest {

    private static final String CUSTOMER = "+19025550111";

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    private static RequestSpecification staff() {
        return given().header("Authorization", TestTokens.bearer("operator"));
    }

    private static String delivered(String messageId, String text) {
        return OpenPhoneWebhooks.delivered(
                OpenPhoneWebhooks.newEventId(),
                messageId,
                TestData.LINE,
                CUSTOMER,
                text,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void ourSentMessageBecomesDelivered() {
        long id = data.sent(CUSTOMER, "See you at 7", "ACours1");
        OpenPhoneWebhooks.post(delivered("ACours1", "See you at 7")).then().statusCode(200);

        assertEquals("delivered", data.single("select status from messages where id = " + id));
        assertEquals(
                1, data.count("select count(*) from message_status where status = 'delivered' and message_id = " + id));
        assertEquals(1, data.count("select count(*) from messages"));
        staff().get("/api/messages/conversations").then().body("data[0].lastMessage.status", equalTo("delivered"));
    }

    @Test
    void aRepeatedReceiptChangesNothingTwice() {
        long id = data.sent(CUSTOMER, "See you at 7", "ACours2");
        OpenPhoneWebhooks.post(delivered("ACours2", "See you at 7")).then().statusCode(200);
        OpenPhoneWebhooks.post(delivered("ACours2", "See you at 7")).then().statusCode(200);
        assertEquals(
                1, data.count("select count(*) from message_status where status = 'delivered' and message_id = " + id));
    }

    @Test
    void statusesNeverMoveBackwards() {
        long id = data.sent(CUSTOMER, "hello", "ACours3");
        OpenPhoneWebhooks.post(delivered("ACours3", "hello")).then().statusCode(200);
        assertFalse(data.advance(id, MessageStatus.SENT), "a late 'sent' must not overwrite 'delivered'");
        assertFalse(data.advance(id, MessageStatus.SENDING));
        assertEquals("delivered", data.single("select status from messages where id = " + id));
    }

    @Test
    void aReceiptArrivingBeforeOurSendRecordedTheIdIsReconciled() {
        int id = staff().contentType("application/json")
                .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"Bay 3 booked\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .extract()
                .path("data.id");

        OpenPhoneWebhooks.post(delivered("ACearly1", "Bay 3 booked")).then().statusCode(200);

        assertEquals(1, data.count("select count(*) from messages"));
        assertEquals("ACearly1", data.single("select openphone_id from messages where id = " + id));
        assertEquals("delivered", data.single("select status from messages where id = " + id));
    }

    @Test
    void aTextStaffSentFromOpenPhonesOwnAppJoinsTheHistory() {
        OpenPhoneWebhooks.post(received("Can I book bay 2?")).then().statusCode(200);
        OpenPhoneWebhooks.post(delivered("ACfromapp1", "Sure, booked!")).then().statusCode(200);

        staff().get("/api/messages/conversations/{phone}", CUSTOMER)
                .then()
                .body("data.messages.text", contains("Can I book bay 2?", "Sure, booked!"))
                .body("data.messages[1].direction", equalTo("outbound"))
                .body("data.messages[1].status", equalTo("delivered"))
                .body("data.messageCount", equalTo(2));
        assertEquals(1, data.count("select count(*) from openphone_conversations"));
    }

    @Test
    void anOutboundTextIsNeverCountedAsUnread() {
        OpenPhoneWebhooks.post(delivered("ACfromapp2", "We open at 9")).then().statusCode(200);
        assertEquals(0, data.count("select unread_count from openphone_conversations"));
    }

    private static String received(String text) {
        return OpenPhoneWebhooks.received(
                OpenPhoneWebhooks.newEventId(),
                OpenPhoneWebhooks.newMessageId(),
                CUSTOMER,
                TestData.LINE,
                text,
                Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS));
    }
}
