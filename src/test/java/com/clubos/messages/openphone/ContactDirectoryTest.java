package com.clubos.messages.openphone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.message.OutboxTestProfile;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(OutboxTestProfile.class)
class ContactDirectoryTest {

    @Inject
    TestData data;

    @Inject
    ContactDirectory directory;

    @BeforeEach
    void reset() {
        data.reset();
        OpenPhoneWireMock.server().resetAll();
        OpenPhoneWireMock.server()
                .stubFor(get(urlPathEqualTo("/v1/contacts"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("""
                        {"data":[{"id":"CT1","defaultFields":{"firstName":"Jordan","lastName":"Lee",
                          "phoneNumbers":[{"name":"mobile","value":"+19025550123"}]}},
                         {"id":"CT2","defaultFields":{"company":"Links & Co",
                          "phoneNumbers":[{"name":"work","value":"(902) 555-0188"}]}}],
                         "totalItems":2,"nextPageToken":null}""")));
    }

    private static void textFrom(String customer) {
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        customer,
                        TestData.LINE,
                        "hi",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .then()
                .statusCode(200);
    }

    @Test
    void unknownConversationsAreNamedFromOpenPhoneContacts() throws Exception {
        textFrom("+19025550123");
        textFrom("+19025550999");
        // As if the text arrived before the contact existed at OpenPhone.
        data.single(
                "update openphone_conversations set customer_name = 'Unknown' where phone_number = '+19025550123' returning id");

        assertEquals(1, directory.refresh());

        assertEquals(
                "Jordan Lee",
                data.single("select customer_name from openphone_conversations where phone_number = '+19025550123'"));
        assertEquals(
                "Unknown",
                data.single("select customer_name from openphone_conversations where phone_number = '+19025550999'"));
    }

    @Test
    void aNewConversationTakesTheCachedContactName() throws Exception {
        directory.refresh();
        textFrom("+19025550188");
        assertEquals(
                "Links & Co",
                data.single("select customer_name from openphone_conversations where phone_number = '+19025550188'"));
    }

    @Test
    void aNameStaffGaveIsNeverOverwritten() throws Exception {
        textFrom("+19025550123");
        data.single("update openphone_conversations set customer_name = 'JL (VIP)' returning id");
        directory.refresh();
        assertEquals("JL (VIP)", data.single("select customer_name from openphone_conversations"));
    }

    @Test
    void aWorkspaceWhoseContactsCannotBeListedIsNotAskedAgain() {
        // OpenPhone v1 answers the workspace-wide list with 400: externalIds is required.
        OpenPhoneWireMock.server()
                .stubFor(
                        get(urlPathEqualTo("/v1/contacts"))
                                .willReturn(
                                        aResponse()
                                                .withStatus(400)
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(
                                                        "{\"message\":\"externalIds is required\",\"code\":\"0100400\",\"status\":400}")));
        directory.scheduledRefresh();
        directory.scheduledRefresh();
        directory.scheduledRefresh();
        assertEquals(
                1,
                OpenPhoneWireMock.server()
                        .findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                urlPathEqualTo("/v1/contacts")))
                        .size());
    }
}
