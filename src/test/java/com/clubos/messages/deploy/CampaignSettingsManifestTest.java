package com.clubos.messages.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The base ConfigMap lists every campaign setting at the service's own default, so an operator sees
 * them all and changing one there is the only way it differs from a run without the ConfigMap.
 */
class CampaignSettingsManifestTest {

    private static final Path CONFIG_MAP = Path.of("k8s/base/configmap.yaml");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Pattern CAMPAIGN_SETTING = Pattern.compile("\\$\\{(CAMPAIGN_[A-Z0-9_]+):([^}]*)}");

    @Test
    void everyCampaignSettingIsInTheConfigMapWithItsDefault() throws IOException {
        Map<String, String> defaults = new TreeMap<>();
        for (String line : Files.readAllLines(PROPERTIES)) {
            Matcher m = CAMPAIGN_SETTING.matcher(line);
            if (!line.startsWith("%") && !line.startsWith("#") && m.find()) {
                defaults.put(m.group(1), m.group(2));
            }
        }
        assertEquals(8, defaults.size(), "the campaign settings of application.properties: " + defaults.keySet());

        JsonNode data = new ObjectMapper(new YAMLFactory())
                .readTree(CONFIG_MAP.toFile())
                .path("data");
        Map<String, String> inConfigMap = new TreeMap<>();
        data.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("CAMPAIGN_")) {
                inConfigMap.put(name, data.path(name).asText());
            }
        });
        assertEquals(defaults, inConfigMap);
    }
}
