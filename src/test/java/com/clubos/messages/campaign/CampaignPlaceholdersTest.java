package com.clubos.messages.campaign;

import static com.clubos.messages.campaign.CampaignApiTest.act;
import static com.clubos.messages.campaign.CampaignApiTest.create;
import static com.clubos.messages.campaign.CampaignApiTest.createDraft;
import static com.clubos.messages.campaign.CampaignApiTest.upload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.TestData;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The preview names who has no value for a placeholder before staff start; a fallback fills it. */
@QuarkusTest
class CampaignPlaceholdersTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
        QuarkusMock.installMockForType(new TestClock(TestClock.middayHalifax()), CampaignClock.class);
    }

    @Test
    void thePreviewCountsRecipientsWithoutAFirstNameAndNamesAFewBeforeStart() {
        int id = createDraft("""
                {"name":"Leagues","text":"Hi {first_name}, {full_name} is on the list at {club}!",
                 "kind":"informational","recipients":["+19025550111"]}""");
        upload(
                        id,
                        "number,first_name,last_name\n+19025550112,Mary,Smith\n+19025550113,,Nobody\n"
                                + "+19025550114,,\n+19025550115,,\n+19025550116,,\n")
                .statusCode(200)
                .body("data.preview.recipients", equalTo(6))
                .body("data.preview.emptyPlaceholders.size()", equalTo(2))
                .body("data.preview.emptyPlaceholders[0].placeholder", equalTo("{first_name}"))
                .body("data.preview.emptyPlaceholders[0].recipients", equalTo(5))
                .body(
                        "data.preview.emptyPlaceholders[0].examples",
                        equalTo(List.of("+19025550111", "+19025550113", "+19025550114")))
                .body("data.preview.emptyPlaceholders[0].fallback", nullValue())
                .body("data.preview.emptyPlaceholders[1].placeholder", equalTo("{full_name}"))
                .body("data.preview.emptyPlaceholders[1].recipients", equalTo(4))
                .body("data.preview.skippedForEmptyPlaceholders", equalTo(5));
    }

    @Test
    void aFallbackFillsAnEmptyValueSoTheTextStillReadsWell() throws Exception {
        int id = create("operator", """
                        {"name":"Leagues","text":"Hi {first_name|there}, leagues start Monday at {{ club }}!",
                         "kind":"informational","recipients":["+19025550111"]}""")
                .statusCode(201)
                .body("data.preview.emptyPlaceholders[0].placeholder", equalTo("{first_name|there}"))
                .body("data.preview.emptyPlaceholders[0].recipients", equalTo(1))
                .body("data.preview.emptyPlaceholders[0].fallback", equalTo("there"))
                .body("data.preview.skippedForEmptyPlaceholders", equalTo(0))
                .extract()
                .path("data.id");
        upload(id, "number,first_name\n+19025550112,Mary\n").statusCode(200);
        act(id, "start").statusCode(200);

        assertTrue(Concurrently.eventually(
                () -> data.count("select count(*) from messages where campaign_id = " + id) == 2, 15_000));
        assertEquals(
                "Hi there, leagues start Monday at Fairway Golf Sim!",
                data.single("select body from messages where to_number = '+19025550111'"));
        assertEquals(
                "Hi Mary, leagues start Monday at Fairway Golf Sim!",
                data.single("select body from messages where to_number = '+19025550112'"));
    }

    @Test
    void anEmptyFallbackIsRefusedNamingThePlaceholder() {
        create("operator", """
                        {"name":"x","text":"Hi {first_name|}, hello","kind":"informational",
                         "recipients":["+19025550111"]}""")
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", containsString("{first_name|} has an empty fallback"));
        assertEquals(0, data.count("select count(*) from campaigns"));
    }
}
